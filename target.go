package rightsearch

// Target is a person or group named as targeted by spyware, with the other
// spellings under which documents name them.
type Target struct {
	Name      string   `json:"name"`
	Aliases   []string `json:"aliases"`
	Kind      string   `json:"kind,omitempty"`
	Countries []string `json:"countries"`
}
