package entities

import (
	"os"
	"testing"
)

// BenchmarkFind measures the finder over a whole demo article (document scan included).
func BenchmarkFind(b *testing.B) {
	data, err := os.ReadFile("../content/001_1e550ff4c6e3f07d.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d := NewDocument(text)
		forSentences(text, func(start, end int) { d.Find(text[start:end]) })
	}
}
