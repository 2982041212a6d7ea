package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// TestServeRedirectStaysOnSite: the redirect that adds a folder's slash goes to the cleaned
// path on this server, never to a host a crafted URL names ("//evil.example/../sources").
func TestServeRedirectStaysOnSite(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sources"), 0o755); err != nil {
		t.Fatal(err)
	}
	s := &server{dir: dir}
	for target, want := range map[string]string{
		"/sources":                   "/sources/",
		"//evil.example/../sources":  "/sources/",
		"/\\evil.example/../sources": "/sources/",
	} {
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:1313/", nil)
		req.URL.Path = target
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if got := rec.Header().Get("Location"); rec.Code != http.StatusMovedPermanently || got != want {
			t.Errorf("GET %s: %d Location %q, want 301 to %q", target, rec.Code, got, want)
		}
	}
}
