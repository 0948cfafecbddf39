// Package pyliteral converts Python literals, as written by Python's repr(),
// into JSON.
//
// The Movies Dataset stores its nested columns as the repr() of lists and
// dicts: single-quoted strings, strings in double quotes when they hold an
// apostrophe, backslash escapes such as \xa0, and None/True/False. A textual
// quote swap breaks on real rows, so this package parses the literal grammar
// (the subset ast.literal_eval accepts for containers, strings, numbers,
// booleans and None) and writes the equivalent JSON in one pass.
package pyliteral

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 256

// SyntaxError reports where and why a literal could not be parsed.
type SyntaxError struct {
	Offset int // byte offset into the input
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("pyliteral: byte %d: %s", e.Offset, e.Msg)
}

// AppendJSON appends the JSON form of the Python literal src to dst.
// On error it returns dst as it was given.
func AppendJSON(dst []byte, src string) ([]byte, error) {
	p := parser{src: src, out: dst}
	p.skipSpace()
	if p.pos >= len(p.src) {
		return dst, p.fail("empty literal")
	}
	if err := p.value(0); err != nil {
		return dst, err
	}
	p.skipSpace()
	if p.pos < len(p.src) {
		return dst, p.fail("unexpected text after the literal")
	}
	return p.out, nil
}

type parser struct {
	src string
	pos int
	out []byte
}

func (p *parser) fail(format string, args ...any) error {
	return &SyntaxError{Offset: p.pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) skipSpace() {
	pos := p.pos
	for pos < len(p.src) && isSpace[p.src[pos]] {
		pos++
	}
	p.pos = pos
}

// value parses one literal at p.pos and writes its JSON form.
func (p *parser) value(depth int) error {
	if depth > maxDepth {
		return p.fail("nesting deeper than %d levels", maxDepth)
	}
	p.skipSpace()
	if p.pos >= len(p.src) {
		return p.fail("unexpected end of input, expected a value")
	}
	switch c := p.src[p.pos]; {
	case c == '[':
		return p.sequence(depth, ']')
	case c == '(':
		return p.sequence(depth, ')')
	case c == '{':
		return p.dictOrSet(depth)
	case c == '\'' || c == '"':
		return p.strings()
	case c == '-' || c == '+' || c == '.' || isDigit(c):
		return p.number()
	case isIdentStart(c):
		return p.name()
	default:
		return p.fail("unexpected character %q", rune(c))
	}
}

// sequence parses a list or tuple; both become JSON arrays.
func (p *parser) sequence(depth int, closer byte) error {
	p.pos++ // opening bracket
	p.out = append(p.out, '[')
	for n := 0; ; n++ {
		p.skipSpace()
		if p.pos < len(p.src) && p.src[p.pos] == closer {
			p.pos++
			p.out = append(p.out, ']')
			return nil
		}
		if n > 0 {
			p.out = append(p.out, ',')
		}
		if err := p.value(depth + 1); err != nil {
			return err
		}
		if err := p.separator(closer); err != nil {
			return err
		}
	}
}

// separator consumes the comma after an item, or leaves the closer in place.
func (p *parser) separator(closer byte) error {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return p.fail("unexpected end of input, expected ',' or %q", rune(closer))
	}
	switch p.src[p.pos] {
	case ',':
		p.pos++
		return nil
	case closer:
		return nil
	default:
		return p.fail("unexpected character %q, expected ',' or %q", rune(p.src[p.pos]), rune(closer))
	}
}

// dictOrSet parses {k: v, ...} into a JSON object, or {a, b} (a set) into a
// JSON array. JSON keys must be strings: non-string keys are written as
// strings, the way Python's json.dumps does.
func (p *parser) dictOrSet(depth int) error {
	p.pos++ // '{'
	open := len(p.out)
	p.out = append(p.out, '{')
	isSet := false
	for n := 0; ; n++ {
		p.skipSpace()
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			if isSet {
				p.out = append(p.out, ']')
			} else {
				p.out = append(p.out, '}')
			}
			return nil
		}
		if n > 0 {
			p.out = append(p.out, ',')
		}
		itemStart, itemOffset := len(p.out), p.pos
		if err := p.value(depth + 1); err != nil {
			return err
		}
		p.skipSpace()
		if n == 0 && p.pos < len(p.src) && p.src[p.pos] != ':' {
			isSet = true
			p.out[open] = '['
		}
		if isSet {
			if err := p.separator('}'); err != nil {
				return err
			}
			continue
		}
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return p.fail("expected ':' after a dict key")
		}
		if err := p.quoteKey(itemStart, itemOffset); err != nil {
			return err
		}
		p.pos++ // ':'
		p.out = append(p.out, ':')
		if err := p.value(depth + 1); err != nil {
			return err
		}
		if err := p.separator('}'); err != nil {
			return err
		}
	}
}

// quoteKey turns the key just written at p.out[start:] into a JSON string.
func (p *parser) quoteKey(start, offset int) error {
	key := p.out[start:]
	switch key[0] {
	case '"':
		return nil
	case '[', '{':
		return &SyntaxError{Offset: offset, Msg: "a dict key must be a string, number, bool or None"}
	}
	quoted := make([]byte, 0, len(key)+2)
	quoted = append(quoted, '"')
	quoted = append(quoted, key...)
	quoted = append(quoted, '"')
	p.out = append(p.out[:start], quoted...)
	return nil
}

// strings parses one string literal, or several adjacent ones, which Python
// concatenates ('a' 'b' == 'ab'), into a single JSON string.
func (p *parser) strings() error {
	p.out = append(p.out, '"')
	for {
		if err := p.stringBody(); err != nil {
			return err
		}
		save := p.pos
		p.skipSpace()
		if p.pos < len(p.src) && (p.src[p.pos] == '\'' || p.src[p.pos] == '"') {
			continue
		}
		p.pos = save
		p.out = append(p.out, '"')
		return nil
	}
}

// stringBody parses one quoted string at p.pos and appends its content,
// JSON-escaped, without the surrounding quotes.
func (p *parser) stringBody() error {
	quote := p.src[p.pos]
	start := p.pos
	p.pos++
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == quote:
			p.pos++
			return nil
		case c == '\\':
			if err := p.escape(); err != nil {
				return err
			}
		case c == '\n' || c == '\r':
			return p.fail("line break inside a string")
		case c >= 0x20 && c < 0x7f && c != '"':
			// Copy the run of bytes that need no escaping in one go.
			end := p.pos + 1
			for end < len(p.src) && isUnquoted[p.src[end]] {
				end++
			}
			p.out = append(p.out, p.src[p.pos:end]...)
			p.pos = end
		case c < utf8.RuneSelf:
			p.appendRune(rune(c))
			p.pos++
		default:
			r, size := utf8.DecodeRuneInString(p.src[p.pos:])
			if r == utf8.RuneError && size == 1 {
				return p.fail("invalid UTF-8 byte 0x%02x", c)
			}
			p.out = append(p.out, p.src[p.pos:p.pos+size]...)
			p.pos += size
		}
	}
	p.pos = start
	return p.fail("unterminated string")
}

// escape decodes one backslash escape at p.pos, as Python does.
func (p *parser) escape() error {
	if p.pos+1 >= len(p.src) {
		return p.fail("backslash at end of input")
	}
	c := p.src[p.pos+1]
	p.pos += 2
	switch c {
	case '\\', '\'', '"':
		p.appendRune(rune(c))
	case 'a':
		p.appendRune('\a')
	case 'b':
		p.appendRune('\b')
	case 'f':
		p.appendRune('\f')
	case 'n':
		p.appendRune('\n')
	case 'r':
		p.appendRune('\r')
	case 't':
		p.appendRune('\t')
	case 'v':
		p.appendRune('\v')
	case '\n':
		// A backslash before a line break continues the line.
	case 'x':
		return p.hexEscape(2)
	case 'u':
		return p.hexEscape(4)
	case 'U':
		return p.hexEscape(8)
	case '0', '1', '2', '3', '4', '5', '6', '7':
		r := rune(c - '0')
		for i := 0; i < 2 && p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '7'; i++ {
			r = r*8 + rune(p.src[p.pos]-'0')
			p.pos++
		}
		p.appendRune(r)
	case 'N':
		p.pos -= 2
		return p.fail(`\N{...} escapes are not supported`)
	default:
		// Python keeps an unknown escape as it is, backslash included.
		p.appendRune('\\')
		p.pos--
	}
	return nil
}

func (p *parser) hexEscape(digits int) error {
	if p.pos+digits > len(p.src) {
		return p.fail("truncated \\x, \\u or \\U escape")
	}
	v, err := strconv.ParseUint(p.src[p.pos:p.pos+digits], 16, 32)
	if err != nil {
		return p.fail("invalid hex digits %q in escape", p.src[p.pos:p.pos+digits])
	}
	// Compared before the conversion: \U80000000 would wrap to a negative rune.
	if v > utf8.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
		return p.fail("escape \\U%08x is not a valid Unicode scalar value", v)
	}
	r := rune(v)
	p.pos += digits
	p.appendRune(r)
	return nil
}

// appendRune writes r into a JSON string, escaping what JSON requires.
func (p *parser) appendRune(r rune) {
	switch {
	case r == '"':
		p.out = append(p.out, '\\', '"')
	case r == '\\':
		p.out = append(p.out, '\\', '\\')
	case r == '\n':
		p.out = append(p.out, '\\', 'n')
	case r == '\r':
		p.out = append(p.out, '\\', 'r')
	case r == '\t':
		p.out = append(p.out, '\\', 't')
	case r < 0x20 || r == 0x7f:
		const hex = "0123456789abcdef"
		p.out = append(p.out, '\\', 'u', '0', '0', hex[r>>4], hex[r&0xf])
	default:
		p.out = utf8.AppendRune(p.out, r)
	}
}

// number parses an int or float literal and writes it as a JSON number.
func (p *parser) number() error {
	start := p.pos
	for p.pos < len(p.src) && isNumberChar(p.src[p.pos]) {
		p.pos++
	}
	text := p.src[start:p.pos]
	if text != "" && text[0] == '+' {
		text = text[1:]
	}
	if isPlainInt(text) {
		p.out = append(p.out, text...)
		return nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || !isPythonFloat(text) {
		p.pos = start
		return p.fail("invalid number %q", p.src[start:p.pos+len(text)])
	}
	p.out = strconv.AppendFloat(p.out, f, 'g', -1, 64)
	return nil
}

// name parses None, True or False.
func (p *parser) name() error {
	start := p.pos
	for p.pos < len(p.src) && (isIdentStart(p.src[p.pos]) || isDigit(p.src[p.pos])) {
		p.pos++
	}
	switch p.src[start:p.pos] {
	case "None":
		p.out = append(p.out, "null"...)
	case "True":
		p.out = append(p.out, "true"...)
	case "False":
		p.out = append(p.out, "false"...)
	default:
		word := p.src[start:p.pos]
		p.pos = start
		return p.fail("unknown name %q (only None, True and False are literals)", word)
	}
	return nil
}

// isPlainInt reports whether s is an optionally negative decimal integer
// without leading zeros, which JSON accepts as it is.
func isPlainInt(s string) bool {
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// isPythonFloat rejects the spellings strconv accepts but repr() never
// writes: hex floats, digit underscores (Python's 1_000), "inf", "nan".
func isPythonFloat(s string) bool {
	digits := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			digits = true
		case c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+':
		default:
			return false
		}
	}
	return digits
}

// isSpace tells Python's whitespace bytes.
var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, '\v': true}

// isUnquoted tells the bytes that JSON takes as they are inside a string and
// that end no Python string: printable ASCII but quotes and backslash.
var isUnquoted = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\'' && c != '\\'
	}
	return t
}()

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isNumberChar(c byte) bool {
	return isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+' || c == '_' || c == 'x' || c == 'X' || c == 'j' || c == 'J'
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
