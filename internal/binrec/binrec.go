// Package binrec reads the compact binary records the caches write: uvarints, varints,
// length-prefixed bytes and dates. Every length is checked against what is left before it is
// used, so a damaged or forged record is an error, never a panic or an allocation sized by a
// forged count.
package binrec

import (
	"encoding/binary"
	"time"

	"github.com/timeline-news/timeline/extract"
)

// Reader takes values off the front of Data. The first failure sets Err (the error given to
// NewReader) and empties Data; every later read returns a zero value, so a decoder can read a
// whole record and check Err once.
type Reader struct {
	Data    []byte
	Err     error
	damaged error
}

// NewReader reads data; damaged is the error a failure sets.
func NewReader(data []byte, damaged error) Reader { return Reader{Data: data, damaged: damaged} }

// Fail marks the record damaged: for checks the decoder makes itself.
func (r *Reader) Fail() { r.Err, r.Data = r.damaged, nil }

func (r *Reader) Byte() byte {
	if len(r.Data) == 0 {
		r.Fail()
		return 0
	}
	c := r.Data[0]
	r.Data = r.Data[1:]
	return c
}

func (r *Reader) Uint() uint64 {
	v, n := binary.Uvarint(r.Data)
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.Data = r.Data[n:]
	return v
}

// Int reads a varint that fits an int.
func (r *Reader) Int() int {
	v, n := binary.Varint(r.Data)
	if n <= 0 || int64(int(v)) != v {
		r.Fail()
		return 0
	}
	r.Data = r.Data[n:]
	return int(v)
}

// Count reads a number of items that each take at least size bytes of what is left: a larger
// count is damage, found before anything is allocated for it.
func (r *Reader) Count(size int) int {
	v := r.Uint()
	if v > uint64(len(r.Data))/uint64(size) {
		r.Fail()
		return 0
	}
	return int(v)
}

// Take reads the next n bytes.
func (r *Reader) Take(n int) []byte {
	if n < 0 || n > len(r.Data) {
		r.Fail()
		return nil
	}
	b := r.Data[:n]
	r.Data = r.Data[n:]
	return b
}

// Bytes reads a uvarint length and that many bytes.
func (r *Reader) Bytes() []byte {
	v := r.Uint()
	if v > uint64(len(r.Data)) {
		r.Fail()
		return nil
	}
	return r.Take(int(v))
}

// Date reads a Date as year, month and day varints: the zero Date or a day of the calendar
// with a four-digit year, what YYYY-MM-DD can say (a forged month 13 could index past a table
// of month names).
func (r *Reader) Date() extract.Date {
	d := extract.Date{Year: r.Int(), Month: time.Month(r.Int()), Day: r.Int()}
	if !d.IsZero() && (d.Year < 0 || d.Year > 9999 || d.Month < time.January || d.Month > time.December ||
		d.Day < 1 || d.Day > time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()) {
		r.Fail()
	}
	return d
}

// AppendDate writes d as Date reads it.
func AppendDate(b []byte, d extract.Date) []byte {
	b = binary.AppendVarint(b, int64(d.Year))
	b = binary.AppendVarint(b, int64(d.Month))
	return binary.AppendVarint(b, int64(d.Day))
}

// AppendString writes s as Bytes reads it.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}
