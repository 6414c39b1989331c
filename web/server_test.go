package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/query"
)

func TestHealthz(t *testing.T) {
	e := mustEnv(t)
	var h struct {
		Status     string
		Documents  int
		Generation string
	}
	if st := e.get(t, "/healthz", &h); st != 200 || h.Status != "ok" || h.Documents < 30 || h.Generation == "" {
		t.Errorf("healthz %d %+v", st, h)
	}
}

// TestOpenAPIMatchesServer checks that the description names every route
// the server answers and exactly the parameters /api/search reads.
func TestOpenAPIMatchesServer(t *testing.T) {
	e := mustEnv(t)
	var spec struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			Parameters []struct{ Name, In string }
		}
	}
	if st := e.get(t, "/api/openapi.json", &spec); st != 200 || !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Fatalf("openapi %d %q", st, spec.OpenAPI)
	}
	for path := range spec.Paths {
		p := strings.NewReplacer("{id}", "letter-deibert-jefferies", "{name}", "Omar%20Abdulaziz").Replace(path)
		resp, err := http.Get(e.srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if path != "/api/documents/{id}/raw" && resp.StatusCode != 200 {
			t.Errorf("documented %s answers %d", path, resp.StatusCode)
		}
	}
	var documented []string
	for _, p := range spec.Paths["/api/search"]["get"].Parameters {
		documented = append(documented, p.Name)
	}
	want := query.SearchParams()
	for _, w := range want {
		if !strings.Contains(","+strings.Join(documented, ",")+",", ","+w+",") {
			t.Errorf("parameter %s read by ParseRequest but not documented", w)
		}
	}
	if len(documented) != len(want) {
		t.Errorf("documented %v, server reads %v", documented, want)
	}
}

func TestSecurityHeadersAndHitsNeverNull(t *testing.T) {
	e := mustEnv(t)
	resp, err := http.Get(e.srv.URL + "/api/search?q=zzzznotaword")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("missing %s", h)
		}
	}
	var raw map[string]json.RawMessage
	json.NewDecoder(resp.Body).Decode(&raw)
	if string(raw["hits"]) != "[]" {
		t.Errorf("hits = %s, want []", raw["hits"])
	}
}

func TestMetrics(t *testing.T) {
	e := mustEnv(t)
	e.get(t, "/api/documents/letter-deibert-jefferies", nil)
	resp, err := http.Get(e.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	io.Copy(&b, resp.Body)
	for _, want := range []string{
		`rightsearch_http_requests_total{code="200",route="/api/documents/{id}"}`,
		`rightsearch_http_request_duration_seconds_bucket{route="/api/documents/{id}"`,
		"rightsearch_index_documents ",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(b.String(), "letter-deibert-jefferies") {
		t.Error("/metrics leaks a document id")
	}
}

func TestHostCheckStopsDNSRebinding(t *testing.T) {
	e := mustEnv(t)
	srv := httptest.NewServer(NewServer(Config{Engine: e.s, AllowedHosts: LoopbackHosts("127.0.0.1:8080")}))
	defer srv.Close()
	for host, want := range map[string]int{"127.0.0.1:8080": 200, "localhost": 200, "[::1]:8080": 200, "attacker.example": 400, "attacker.example:8080": 400} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/healthz", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
	if LoopbackHosts("0.0.0.0:8080") != nil || LoopbackHosts("192.0.2.1:80") != nil {
		t.Error("a non-loopback listener restricts Host names")
	}
}
