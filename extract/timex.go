package extract

// Type is the TIMEX3 type of an expression.
type Type string

const (
	TypeDate     Type = "DATE"
	TypeTime     Type = "TIME"
	TypeDuration Type = "DURATION"
	TypeSet      Type = "SET"
)

// Span is a half-open byte range [Start, End) into the text given to Extract.
type Span struct {
	Start, End int
}

// Timex is one time expression found in a text, with its TIMEX3 resolution.
type Timex struct {
	Span            // the expression's bytes
	Text     string // the expression as written
	Type     Type
	Value    string // TIMEX3 value, e.g. 2021-08-13, 2021-W31, 2021-07, 199, P20Y; underspecified (XXXX-07) when unresolved
	Mod      string // TIMEX3 mod: START, MID, END, APPROX, ... or ""
	Resolved bool   // Value is fully specified
	// From and To bound the calendar interval of a resolved DATE or TIME (both inclusive).
	From, To Date
	Sentence Span // the sentence holding the expression
	// Eventive is false for expressions that date nothing: generic or quoted uses
	// ("today is the time to act"), durations and sets.
	Eventive bool
}
