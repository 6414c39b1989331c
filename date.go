package rightsearch

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a publication date at its own precision: a year, a month or a
// day. A partial date names a period: 2018-11 is all of November 2018.
// The zero Date is unknown.
type Date struct {
	Year, Month, Day int // Month and Day are 0 when not known
}

// ParseDate reads YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339 (kept as its date
// in UTC).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	if len(s) > 10 {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339", s)
		}
		t = t.UTC()
		return Date{t.Year(), int(t.Month()), t.Day()}, nil
	}
	parts := strings.Split(s, "-")
	bad := fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	widths := []int{4, 2, 2}
	var n [3]int
	for i, p := range parts {
		if i > 2 || len(p) != widths[i] {
			return Date{}, bad
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return Date{}, bad
		}
		n[i] = v
	}
	d := Date{n[0], n[1], n[2]}
	if d.Year < 1 || len(parts) >= 2 && (d.Month < 1 || d.Month > 12) {
		return Date{}, bad
	}
	if len(parts) == 3 {
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if d.Day < 1 || t.Day() != d.Day {
			return Date{}, bad
		}
	}
	return d, nil
}

// MustDate is ParseDate for literals known to be good.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports an unknown date.
func (d Date) IsZero() bool { return d.Year == 0 }

// String writes the date at its own precision, or "" when unknown.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Start is the first instant of the period the date names.
func (d Date) Start() time.Time {
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// End is the last instant (to the second) of the period the date names.
func (d Date) End() time.Time {
	s := d.Start()
	var next time.Time
	switch {
	case d.Month == 0:
		next = s.AddDate(1, 0, 0)
	case d.Day == 0:
		next = s.AddDate(0, 1, 0)
	default:
		next = s.AddDate(0, 0, 1)
	}
	return next.Add(-time.Second)
}

// MarshalJSON writes the date as a string at its precision.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads any form ParseDate accepts; null and "" are unknown.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: want a string: %w", err)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
