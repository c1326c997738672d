package config

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// A netsuiteZone is one entry of the Time Zone list NetSuite shows at
// Setup > Company > Company Information (and Home > Set Preferences): the
// label people see and the Olson (IANA) name behind it.
//
// The Olson names are Oracle's: the format.Timezone enum of SuiteScript 2.x,
// whose page says the Time Zone dropdown is "based on these values"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4407050795.html),
// in its order, as Oracle's own stubs list them (oracle/netsuite-suitecloud-sdk,
// packages/unit-testing/stubs/format/format.js). The labels of the first five
// entries are quoted from that page. America/Hermosillo, Pacific/Guadalcanal
// and the current label of America/Guatemala come from the format.Timezone
// notes of the @hitc/netsuite-types typings. The other labels are an
// assumption: the "(GMT±hh:mm) places" form of the page, with the places of
// the matching Windows time zone names, which NetSuite's list follows where
// it can be checked. A label that differs from ours is still recognised by
// its place names, as a suggestion (see zoneSuggestions).
type netsuiteZone struct {
	label string // "(GMT-08:00) Pacific Time (US & Canada)"
	olson string // "America/Los_Angeles"
}

var netsuiteZones = []netsuiteZone{
	{"(GMT-12:00) International Date Line West", "Etc/GMT+12"},
	{"(GMT-11:00) Midway Island, Samoa", "Pacific/Samoa"},
	{"(GMT-10:00) Hawaii", "Pacific/Honolulu"},
	{"(GMT-09:00) Alaska", "America/Anchorage"},
	{"(GMT-08:00) Pacific Time (US & Canada)", "America/Los_Angeles"},
	{"(GMT-08:00) Tijuana, Baja California", "America/Tijuana"},
	{"(GMT-07:00) Mountain Time (US & Canada)", "America/Denver"},
	{"(GMT-07:00) Arizona", "America/Phoenix"},
	{"(GMT-07:00) Chihuahua, Mazatlan", "America/Chihuahua"},
	{"(GMT-06:00) Central Time (US & Canada)", "America/Chicago"},
	{"(GMT-06:00) Saskatchewan", "America/Regina"},
	{"(GMT-06:00) Central America, Chihuahua", "America/Guatemala"},
	{"(GMT-06:00) Guadalajara, Mexico City, Monterrey", "America/Mexico_City"},
	{"(GMT-05:00) Eastern Time (US & Canada)", "America/New_York"},
	{"(GMT-05:00) Indiana (East)", "US/East-Indiana"},
	{"(GMT-05:00) Bogota, Lima, Quito", "America/Bogota"},
	{"(GMT-04:30) Caracas", "America/Caracas"},
	{"(GMT-04:00) Atlantic Time (Canada)", "America/Halifax"},
	{"(GMT-04:00) La Paz", "America/La_Paz"},
	{"(GMT-04:00) Manaus", "America/Manaus"},
	{"(GMT-04:00) Santiago", "America/Santiago"},
	{"(GMT-03:30) Newfoundland", "America/St_Johns"},
	{"(GMT-03:00) Brasilia", "America/Sao_Paulo"},
	{"(GMT-03:00) Buenos Aires", "America/Buenos_Aires"},
	{"(GMT-03:00) Georgetown", "Etc/GMT+3"},
	{"(GMT-03:00) Greenland", "America/Godthab"},
	{"(GMT-03:00) Montevideo", "America/Montevideo"},
	{"(GMT-02:00) Mid-Atlantic", "America/Noronha"},
	{"(GMT-01:00) Cape Verde Is.", "Etc/GMT+1"},
	{"(GMT-01:00) Azores", "Atlantic/Azores"},
	{"(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London", "Europe/London"},
	{"(GMT) Casablanca", "GMT"},
	{"(GMT) Monrovia, Reykjavik", "Atlantic/Reykjavik"},
	{"(GMT+01:00) Sarajevo, Skopje, Warsaw, Zagreb", "Europe/Warsaw"},
	{"(GMT+01:00) Brussels, Copenhagen, Madrid, Paris", "Europe/Paris"},
	{"(GMT+01:00) West Central Africa", "Etc/GMT-1"},
	{"(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Amsterdam"},
	{"(GMT+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague", "Europe/Budapest"},
	{"(GMT+02:00) Cairo", "Africa/Cairo"},
	{"(GMT+02:00) Athens, Bucharest, Istanbul", "Europe/Istanbul"},
	{"(GMT+02:00) Jerusalem", "Asia/Jerusalem"},
	{"(GMT+02:00) Amman", "Asia/Amman"},
	{"(GMT+02:00) Beirut", "Asia/Beirut"},
	{"(GMT+02:00) Harare, Pretoria", "Africa/Johannesburg"},
	{"(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius", "Europe/Kiev"},
	{"(GMT+02:00) Minsk", "Europe/Minsk"},
	{"(GMT+02:00) Windhoek", "Africa/Windhoek"},
	{"(GMT+03:00) Kuwait, Riyadh", "Asia/Riyadh"},
	{"(GMT+03:00) Moscow, St. Petersburg, Volgograd", "Europe/Moscow"},
	{"(GMT+03:00) Baghdad", "Asia/Baghdad"},
	{"(GMT+03:00) Nairobi", "Africa/Nairobi"},
	{"(GMT+03:30) Tehran", "Asia/Tehran"},
	{"(GMT+04:00) Abu Dhabi, Muscat", "Asia/Muscat"},
	{"(GMT+04:00) Baku", "Asia/Baku"},
	{"(GMT+04:00) Yerevan", "Asia/Yerevan"},
	{"(GMT+03:00) Tbilisi", "Etc/GMT-3"},
	{"(GMT+04:30) Kabul", "Asia/Kabul"},
	{"(GMT+05:00) Islamabad, Karachi", "Asia/Karachi"},
	{"(GMT+05:00) Ekaterinburg", "Asia/Yekaterinburg"},
	{"(GMT+05:00) Tashkent", "Asia/Tashkent"},
	{"(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi", "Asia/Calcutta"},
	{"(GMT+05:45) Kathmandu", "Asia/Katmandu"},
	{"(GMT+06:00) Almaty, Novosibirsk", "Asia/Almaty"},
	{"(GMT+06:00) Astana, Dhaka", "Asia/Dhaka"},
	{"(GMT+06:30) Yangon (Rangoon)", "Asia/Rangoon"},
	{"(GMT+07:00) Bangkok, Hanoi, Jakarta", "Asia/Bangkok"},
	{"(GMT+07:00) Krasnoyarsk", "Asia/Krasnoyarsk"},
	{"(GMT+08:00) Beijing, Chongqing, Hong Kong, Urumqi", "Asia/Hong_Kong"},
	{"(GMT+08:00) Kuala Lumpur, Singapore", "Asia/Kuala_Lumpur"},
	{"(GMT+08:00) Taipei", "Asia/Taipei"},
	{"(GMT+08:00) Perth", "Australia/Perth"},
	{"(GMT+08:00) Irkutsk, Ulaan Bataar", "Asia/Irkutsk"},
	{"(GMT+08:00) Manila", "Asia/Manila"},
	{"(GMT+09:00) Seoul", "Asia/Seoul"},
	{"(GMT+09:00) Osaka, Sapporo, Tokyo", "Asia/Tokyo"},
	{"(GMT+09:00) Yakutsk", "Asia/Yakutsk"},
	{"(GMT+09:30) Darwin", "Australia/Darwin"},
	{"(GMT+09:30) Adelaide", "Australia/Adelaide"},
	{"(GMT+10:00) Canberra, Melbourne, Sydney", "Australia/Sydney"},
	{"(GMT+10:00) Brisbane", "Australia/Brisbane"},
	{"(GMT+10:00) Hobart", "Australia/Hobart"},
	{"(GMT+10:00) Guam, Port Moresby", "Pacific/Guam"},
	{"(GMT+10:00) Vladivostok", "Asia/Vladivostok"},
	{"(GMT+11:00) Guadalcanal", "Pacific/Guadalcanal"},
	{"(GMT+12:00) Eniwetok, Kwajalein", "Pacific/Kwajalein"},
	{"(GMT+12:00) Auckland, Wellington", "Pacific/Auckland"},
	{"(GMT+13:00) Nuku'alofa", "Pacific/Tongatapu"},
	{"(GMT-07:00) La Paz, Hermosillo", "America/Hermosillo"},
}

// labelKey is the form in which labels are compared: lower case, "&" read
// as "and", every run of spaces and punctuation one space, so that a label
// pasted with other spacing or "and" for "&" still matches.
func labelKey(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", " and ")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '+' && r != '-'
	}), " ")
}

// splitLabel cuts "(GMT-08:00) Pacific Time (US & Canada)" into the offset
// and the places; ok is false when s does not start with "(GMT" or "(UTC".
func splitLabel(s string) (offset, places string, ok bool) {
	t := strings.TrimSpace(s)
	if len(t) < 4 || !strings.EqualFold(t[:4], "(GMT") && !strings.EqualFold(t[:4], "(UTC") {
		return "", "", false
	}
	end := strings.IndexByte(t, ')')
	if end < 0 {
		return "", "", false
	}
	return strings.TrimSpace(t[1:end]), strings.TrimSpace(t[end+1:]), true
}

// netsuiteZoneFor returns the entry whose label, or label without its
// "(GMT±hh:mm)" offset, or Olson name, is s.
func netsuiteZoneFor(s string) (netsuiteZone, bool) {
	key := labelKey(s)
	if key == "" {
		return netsuiteZone{}, false
	}
	for _, z := range netsuiteZones {
		_, places, _ := splitLabel(z.label)
		if s == z.olson || key == labelKey(z.label) || key == labelKey(places) {
			return z, true
		}
	}
	return netsuiteZone{}, false
}

// zoneStopWords are the words of labels that name no place.
var zoneStopWords = map[string]bool{"gmt": true, "utc": true, "time": true, "and": true, "us": true, "is": true, "standard": true, "zone": true}

// zoneWords returns the place words of a label or name: "Pacific Time (US &
// Canada)" gives pacific, canada; "America/Los_Angeles" gives america, los,
// angeles.
func zoneWords(s string) []string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) > 1 && !zoneStopWords[w] {
			words = append(words, w)
		}
	}
	return words
}

// labelSuggestions returns the entries that share the most place words with
// s (at most three, best first), for a label that is not quite NetSuite's
// or a bare word such as "Pacific".
func labelSuggestions(s string) []netsuiteZone {
	in := zoneWords(s)
	if len(in) == 0 {
		return nil
	}
	best, bestScore := []netsuiteZone(nil), 0
	for _, z := range netsuiteZones {
		_, places, _ := splitLabel(z.label)
		have := zoneWords(places + " " + z.olson[strings.LastIndexByte(z.olson, '/')+1:])
		score := 0
		for _, w := range in {
			if slices.Contains(have, w) {
				score++
			}
		}
		switch {
		case score == 0 || score < bestScore:
		case score > bestScore:
			best, bestScore = []netsuiteZone{z}, score
		default:
			best = append(best, z)
		}
	}
	if len(best) > 3 {
		return nil // too vague to suggest
	}
	return best
}

// describe names an entry for a suggestion: America/Los_Angeles ((GMT-08:00)
// Pacific Time (US & Canada)).
func (z netsuiteZone) describe() string { return fmt.Sprintf("%s (%s)", z.olson, z.label) }
