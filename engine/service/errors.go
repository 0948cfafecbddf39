package service

// Kind says what went wrong, in terms a client can act on.
type Kind int

// The kinds of errors the service returns.
const (
	Invalid  Kind = iota + 1 // the request is malformed: fix it
	NotFound                 // nothing matches: Details may suggest what does
	Internal                 // our fault: the cause is logged, not shown
)

// Error is what the service answers when it cannot answer: a Spanish
// sentence for the user, and details that help (valid values, suggestions,
// the films that share a title).
type Error struct {
	Kind    Kind
	Message string         // in Spanish, safe to show
	Details map[string]any // extra fields of the answer, by their Spanish names
	Cause   error          // Internal only: what to log
}

// Error is one language at a time: for an internal error, its cause (in
// English, for the log; the user reads Message); otherwise the Spanish
// Message itself.
func (e *Error) Error() string {
	if e.Cause != nil {
		return "service: " + e.Cause.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Cause }

func invalid(message string, details map[string]any) *Error {
	return &Error{Kind: Invalid, Message: message, Details: details}
}

func notFound(message string, details map[string]any) *Error {
	return &Error{Kind: NotFound, Message: message, Details: details}
}

func internal(message string, cause error) *Error {
	return &Error{Kind: Internal, Message: message, Cause: cause}
}
