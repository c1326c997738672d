package oracle

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// RelativeRange is BUILTIN.RELATIVE_RANGES(code, part): the START or END of
// the relative date range code (query.RelativeDateRange's ids: 'LFY' last
// fiscal year, 'DAGO30' thirty days ago ...) around the account-local now
// (days). START is the range's first day at 00:00; END is its last day at
// 23:59:59: "A day ... is a whole calendar day starting at 12 a.m. and
// ending at 11:59 p.m." (Behavior Descriptors for Selectors,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4125904112.html).
// Codes: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_1029114825.html
// and https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1544111773.html.
//
// Assumption: the fiscal year is the calendar year (fiscal quarters and
// halves are calendar ones); a week starts on Sunday, a business week on
// Monday (section_4125904112); rolling and "previous/next one" ranges are
// the whole months (days, weeks) before or after today, as named in the
// comments of rangeFor.
func RelativeRange(code, part string, now float64) (float64, error) {
	start, end, err := rangeFor(strings.ToUpper(strings.TrimSpace(code)), now)
	if err != nil {
		return 0, err
	}
	switch strings.ToUpper(strings.TrimSpace(part)) {
	case "START":
		return Days(start, time.UTC), nil
	case "END":
		return Days(end, time.UTC) + float64(secondsPerDay-1)/secondsPerDay, nil
	}
	return 0, fmt.Errorf("BUILTIN.RELATIVE_RANGES: range type %q is not START or END", part)
}

// rangeFor returns the first and last day of the range code.
func rangeFor(code string, now float64) (time.Time, time.Time, error) {
	today := Time(math.Floor(now))
	y, m, d := today.Date()
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	addDays := func(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }
	addMonths := func(t time.Time, n int) time.Time { return Time(AddMonths(Days(t, time.UTC), n)) }
	single := func(t time.Time) (time.Time, time.Time, error) { return t, t, nil }
	// period: the calendar period of size months containing today,
	// shifted by k periods.
	periodStart := func(size, k int) time.Time {
		first := (int(m)-1)/size*size + 1
		return date(y, time.Month(first+k*size), 1)
	}
	period := func(size, k int) (time.Time, time.Time, error) {
		s := periodStart(size, k)
		return s, addDays(s.AddDate(0, size, 0), -1), nil
	}
	// periodTD: the same period up to the day that is to it what today
	// is to the current period.
	periodTD := func(size, k int) (time.Time, time.Time, error) {
		return periodStart(size, k), addMonths(today, k*size), nil
	}
	// weeks: Sunday weeks, or Monday business weeks.
	weekStart := func(k int, business bool) time.Time {
		off := int(today.Weekday())
		if business {
			off = (off + 6) % 7
		}
		return addDays(today, -off+7*k)
	}
	week := func(k int, business bool) (time.Time, time.Time, error) {
		s := weekStart(k, business)
		return s, addDays(s, 6), nil
	}
	weekTD := func(k int) (time.Time, time.Time, error) {
		return weekStart(k, false), addDays(today, 7*k), nil
	}
	// months: whole months from a to b relative to this month.
	months := func(a, b int) (time.Time, time.Time, error) {
		return date(y, m+time.Month(a), 1), addDays(date(y, m+time.Month(b+1), 1), -1), nil
	}
	if n, ok := strings.CutPrefix(code, "DAGO"); ok {
		if k, err := strconv.Atoi(n); err == nil && k >= 0 {
			return single(addDays(today, -k))
		}
	}
	if n, ok := strings.CutPrefix(code, "DFN"); ok {
		if k, err := strconv.Atoi(n); err == nil && k >= 0 {
			return single(addDays(today, k))
		}
	}
	fyStart := date(y, 1, 1)
	switch code {
	// Days.
	case "TODAY", "TD":
		return single(today)
	case "YESTERDAY", "YD":
		return single(addDays(today, -1))
	case "TOMORROW":
		return single(addDays(today, 1))
	case "TODAYTTM": // today to the end of this month
		_, e, _ := period(1, 0)
		return today, e, nil
	case "SDLW":
		return single(addDays(today, -7))
	case "SDWBL":
		return single(addDays(today, -14))
	case "SDLM":
		return single(addMonths(today, -1))
	case "SDMBL":
		return single(addMonths(today, -2))
	case "SDLFQ":
		return single(addMonths(today, -3))
	case "SDFQBL":
		return single(addMonths(today, -6))
	case "SDLFY":
		return single(addMonths(today, -12))
	case "SDFYBL":
		return single(addMonths(today, -24))
	// Previous one / next one: the span before today, or after it.
	case "OD":
		return single(addDays(today, -1))
	case "OW":
		return addDays(today, -7), addDays(today, -1), nil
	case "OM":
		return addMonths(today, -1), addDays(today, -1), nil
	case "OQ":
		return addMonths(today, -3), addDays(today, -1), nil
	case "OH":
		return addMonths(today, -6), addDays(today, -1), nil
	case "OY":
		return addMonths(today, -12), addDays(today, -1), nil
	case "NOW":
		return addDays(today, 1), addDays(today, 7), nil
	case "NOM":
		return addDays(today, 1), addMonths(today, 1), nil
	case "NOQ":
		return addDays(today, 1), addMonths(today, 3), nil
	case "NOH":
		return addDays(today, 1), addMonths(today, 6), nil
	case "NOY":
		return addDays(today, 1), addMonths(today, 12), nil
	// Weeks.
	case "TW":
		return week(0, false)
	case "LW":
		return week(-1, false)
	case "NW":
		return week(1, false)
	case "WBL":
		return week(-2, false)
	case "WAN":
		return week(2, false)
	case "TWTD":
		return weekTD(0)
	case "LWTD":
		return weekTD(-1)
	case "WBLTD":
		return weekTD(-2)
	case "WANTD":
		return weekTD(2)
	case "TBW":
		return week(0, true)
	case "LBW":
		return week(-1, true)
	case "NBW":
		return week(1, true)
	case "TWN3W": // four weeks starting this week
		return weekStart(0, false), addDays(weekStart(3, false), 6), nil
	case "N4W": // the four weeks after this one
		return weekStart(1, false), addDays(weekStart(4, false), 6), nil
	case "SWLFY": // the week 52 weeks before this one
		return week(-52, false)
	case "SWFYBL":
		return week(-104, false)
	// Months.
	case "TM":
		return period(1, 0)
	case "LM":
		return period(1, -1)
	case "NM":
		return period(1, 1)
	case "MBL":
		return period(1, -2)
	case "MAN":
		return period(1, 2)
	case "MB": // three months ago
		return period(1, -3)
	case "TMTD":
		return periodTD(1, 0)
	case "LMTD":
		return periodTD(1, -1)
	case "MBLTD":
		return periodTD(1, -2)
	case "MANTD":
		return periodTD(1, 2)
	case "MBTD":
		return periodTD(1, -3)
	case "LMLFQ":
		return period(1, -4)
	case "LMFQBL":
		return period(1, -7)
	case "LMLFY":
		return period(1, -13)
	case "LMFYBL":
		return period(1, -25)
	case "SMLFQ":
		return period(1, -3)
	case "SMLFQTD":
		return periodTD(1, -3)
	case "SMFQBL":
		return period(1, -6)
	case "SMLFY":
		return period(1, -12)
	case "SMLFYTD":
		return periodTD(1, -12)
	case "SMFYBL":
		return period(1, -24)
	// Rolling: this rolling quarter is this month and the two before it;
	// last rolling is the span just before; previous rolling the one
	// before that.
	case "TRQ":
		return months(-2, 0)
	case "LRQ":
		return months(-5, -3)
	case "PRQ":
		return months(-8, -6)
	case "TRH":
		return months(-5, 0)
	case "LRH":
		return months(-11, -6)
	case "PRH":
		return months(-17, -12)
	case "TRY":
		return months(-11, 0)
	case "LRY":
		return months(-23, -12)
	case "PRY":
		return months(-35, -24)
	// Quarters.
	case "TFQ", "TQ":
		return period(3, 0)
	case "LFQ", "LQ":
		return period(3, -1)
	case "NFQ", "NQ":
		return period(3, 1)
	case "FQBL":
		return period(3, -2)
	case "FQB": // three fiscal quarters ago
		return period(3, -3)
	case "TFQTD", "TQTD":
		return periodTD(3, 0)
	case "LFQTD", "LQTD":
		return periodTD(3, -1)
	case "FQBLTD":
		return periodTD(3, -2)
	case "FQBTD":
		return periodTD(3, -3)
	case "LFQLFY":
		return period(3, -5)
	case "LFQFYBL":
		return period(3, -9)
	case "SFQLFY":
		return period(3, -4)
	case "SFQLFYTD":
		return periodTD(3, -4)
	case "SFQFYBL":
		return period(3, -8)
	// Halves.
	case "TFH":
		return period(6, 0)
	case "LFH":
		return period(6, -1)
	case "NFH":
		return period(6, 1)
	case "FHBL":
		return period(6, -2)
	case "TFHTD":
		return periodTD(6, 0)
	case "LFHTD":
		return periodTD(6, -1)
	case "FHBLTD":
		return periodTD(6, -2)
	case "LFHLFY":
		return period(6, -3)
	case "SFHLFY":
		return period(6, -2)
	case "SFHLFYTD":
		return periodTD(6, -2)
	// Years.
	case "TY", "TFY":
		return period(12, 0)
	case "LY", "LFY":
		return period(12, -1)
	case "NY", "NFY":
		return period(12, 1)
	case "OYBL", "FYBL":
		return period(12, -2)
	case "FYB": // three fiscal years ago
		return period(12, -3)
	case "TYTD", "TFYTD":
		return periodTD(12, 0)
	case "LYTD", "LFYTD":
		return periodTD(12, -1)
	case "FYBLTD":
		return periodTD(12, -2)
	case "FYBTD":
		return periodTD(12, -3)
	// Previous periods within a larger one: from the larger period's
	// start to the end of the period before the current one.
	// Assumption: in the first period (PQTFY in Q1) the range is empty:
	// START is after END.
	case "PQTFY":
		return fyStart, addDays(periodStart(3, 0), -1), nil
	case "PQLFY":
		return fyStart.AddDate(-1, 0, 0), addDays(periodStart(3, 0).AddDate(-1, 0, 0), -1), nil
	case "PMTFY":
		return fyStart, addDays(date(y, m, 1), -1), nil
	case "PMLFY":
		return fyStart.AddDate(-1, 0, 0), addDays(date(y-1, m, 1), -1), nil
	case "PMTFQ":
		return periodStart(3, 0), addDays(date(y, m, 1), -1), nil
	case "PMLFQ":
		return periodStart(3, -1), addDays(date(y, m-3, 1), -1), nil
	case "PMTFH":
		return periodStart(6, 0), addDays(date(y, m, 1), -1), nil
	case "PMLFH":
		return periodStart(6, -1), addDays(date(y, m-6, 1), -1), nil
	case "PMSFQLFY":
		return periodStart(3, -4), addDays(date(y-1, m, 1), -1), nil
	case "PMSFHLFY":
		return periodStart(6, -2), addDays(date(y-1, m, 1), -1), nil
	}
	_ = d
	return time.Time{}, time.Time{}, fmt.Errorf("BUILTIN.RELATIVE_RANGES: unknown date range %q", code)
}
