package render

import (
	"reflect"
	"testing"
)

// The layout's frames are keyed without reflection: the key must be the one appendMemoKey
// makes, field for field (a field added to pageFrame and not to appendFrameKey fails here).
func TestFrameKey(t *testing.T) {
	var f pageFrame
	// Every field set in turn, through reflection, so that none is left out.
	var set func(v reflect.Value, n *int)
	set = func(v reflect.Value, n *int) {
		for i := range v.NumField() {
			switch fv := v.Field(i); fv.Kind() {
			case reflect.String:
				*n++
				fv.SetString(string(rune('a' + *n)))
			case reflect.Bool:
				fv.SetBool(true)
			case reflect.Struct:
				set(fv, n)
			default:
				t.Fatalf("pageFrame has a field of kind %s: teach appendFrameKey and this test", fv.Kind())
			}
			want, ok := appendMemoKey(nil, reflect.ValueOf(f), 0)
			if got := appendFrameKey(nil, &f); !ok || string(got) != string(want) {
				t.Fatalf("after setting field %d: appendFrameKey = %q, appendMemoKey = %q", i, got, want)
			}
			wantPtr, _ := appendMemoKey(nil, reflect.ValueOf(&f), 0)
			if got := append([]byte{1}, appendFrameKey(nil, &f)...); string(got) != string(wantPtr) {
				t.Fatalf("pointer: %q, want %q", got, wantPtr)
			}
		}
	}
	n := 0
	set(reflect.ValueOf(&f).Elem(), &n)
}
