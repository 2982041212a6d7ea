package render

import (
	"path/filepath"
	"time"

	"github.com/timeline-news/timeline/internal/atomicfile"
)

// removeStale clears the temporary files a build killed while writing left behind, once they
// are old enough not to be another build's under way (atomicfile.StaleAge): those of the site's
// marker, inside the output folder, where they would be published, and those of the manifest
// and the mentions pack in the state folder. A zero now removes nothing.
func removeStale(out, stateDir string, now time.Time) {
	if now.IsZero() {
		return
	}
	atomicfile.RemoveStale(filepath.Join(out, markerFile), now)
	if stateDir != "" {
		atomicfile.RemoveStale(manifestPath(stateDir, out), now)
		atomicfile.RemoveStale(filepath.Join(stateDir, mentionsPackName), now)
	}
}
