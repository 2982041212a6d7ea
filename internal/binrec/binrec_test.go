package binrec

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/timeline-news/timeline/extract"
)

var errDamaged = errors.New("damaged")

func TestRoundTrip(t *testing.T) {
	var b []byte
	b = append(b, 7)
	b = binary.AppendUvarint(b, 300)
	b = binary.AppendVarint(b, -42)
	b = AppendString(b, "héllo")
	b = AppendDate(b, extract.Date{Year: 2021, Month: 8, Day: 14})
	b = AppendDate(b, extract.Date{})
	r := NewReader(b, errDamaged)
	if got := r.Byte(); got != 7 {
		t.Errorf("Byte = %d", got)
	}
	if got := r.Uint(); got != 300 {
		t.Errorf("Uint = %d", got)
	}
	if got := r.Int(); got != -42 {
		t.Errorf("Int = %d", got)
	}
	if got := string(r.Bytes()); got != "héllo" {
		t.Errorf("Bytes = %q", got)
	}
	if got := r.Date(); got != (extract.Date{Year: 2021, Month: 8, Day: 14}) {
		t.Errorf("Date = %v", got)
	}
	if got := r.Date(); !got.IsZero() {
		t.Errorf("zero Date = %v", got)
	}
	if r.Err != nil || len(r.Data) != 0 {
		t.Errorf("after reading everything: err %v, %d bytes left", r.Err, len(r.Data))
	}
}

// TestDamage: every way a record can be wrong sets the reader's error, and reads after it
// return zero values.
func TestDamage(t *testing.T) {
	uv := func(v uint64) []byte { return binary.AppendUvarint(nil, v) }
	dateOf := func(y, m, d int64) []byte {
		b := binary.AppendVarint(nil, y)
		b = binary.AppendVarint(b, m)
		return binary.AppendVarint(b, d)
	}
	cases := []struct {
		name string
		data []byte
		read func(r *Reader)
	}{
		{"byte of nothing", nil, func(r *Reader) { r.Byte() }},
		{"cut uvarint", []byte{0x80}, func(r *Reader) { r.Uint() }},
		{"cut varint", []byte{0xff}, func(r *Reader) { r.Int() }},
		{"count beyond what is left", uv(5), func(r *Reader) { r.Count(1) }},
		{"count of large items", append(uv(2), 1, 2, 3), func(r *Reader) { r.Count(2) }},
		{"bytes longer than the record", append(uv(10), "short"...), func(r *Reader) { r.Bytes() }},
		{"huge length", uv(1 << 63), func(r *Reader) { r.Bytes() }},
		{"take past the end", []byte("ab"), func(r *Reader) { r.Take(3) }},
		{"negative take", []byte("ab"), func(r *Reader) { r.Take(-1) }},
		{"month 13", dateOf(2021, 13, 1), func(r *Reader) { r.Date() }},
		{"30 February", dateOf(2021, 2, 30), func(r *Reader) { r.Date() }},
		{"five-digit year", dateOf(12021, 1, 1), func(r *Reader) { r.Date() }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := NewReader(c.data, errDamaged)
			c.read(&r)
			if !errors.Is(r.Err, errDamaged) {
				t.Fatalf("err = %v, want the damaged error", r.Err)
			}
			if r.Byte() != 0 || r.Uint() != 0 || r.Bytes() != nil || len(r.Data) != 0 {
				t.Error("a read after the damage returned something")
			}
		})
	}
}
