package indicators

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// mvtFile is mvt-indicators' indicators.yaml: collections, each naming
// where its STIX 2.1 file is (a GitHub repository path, or a URL).
type mvtFile struct {
	Indicators []mvtCollection `yaml:"indicators"`
}

type mvtCollection struct {
	Type       string   `yaml:"type"` // github, download
	Name       string   `yaml:"name"`
	Sources    []string `yaml:"sources"`
	References []string `yaml:"references"`
	GitHub     struct {
		Owner, Repo, Branch, Path string
	} `yaml:"github"`
	DownloadURL string `yaml:"download_url"`
}

// parseMVT reads the collections' STIX files from disk, next to the YAML
// (dir): at the path the collection names, under a checkout of its
// repository (owner/repo/path or repo/path), or by its file name. It
// fetches nothing: a collection whose file is not there is skipped, and
// said so.
func parseMVT(dir string, body []byte) (Parsed, error) {
	var f mvtFile
	if err := yaml.Unmarshal(body, &f); err != nil {
		return Parsed{}, fmt.Errorf("mvt-indicators YAML: %w", err)
	}
	if len(f.Indicators) == 0 {
		return Parsed{}, errors.New("mvt-indicators YAML: no collection under \"indicators\"")
	}
	p := Parsed{}
	p.List.Format = FormatMVT
	publishers := map[string]bool{}
	var names []string
	for _, c := range f.Indicators {
		file, tried := c.localFile(dir)
		if file == "" {
			p.Skipped = append(p.Skipped, fmt.Sprintf("collection %q: its STIX file is not on disk (looked for %s); download it next to the YAML, this command fetches nothing",
				c.Name, strings.Join(tried, ", ")))
			continue
		}
		b, err := os.ReadFile(file)
		if err != nil {
			p.Skipped = append(p.Skipped, fmt.Sprintf("collection %q: %v", c.Name, err))
			continue
		}
		sp, err := parseSTIX(b)
		if err != nil {
			p.Skipped = append(p.Skipped, fmt.Sprintf("collection %q: %s: %v", c.Name, file, err))
			continue
		}
		for _, s := range sp.Skipped {
			p.Skipped = append(p.Skipped, fmt.Sprintf("collection %q: %s", c.Name, s))
		}
		report := ""
		if len(c.References) > 0 {
			report = c.References[0]
		}
		for _, in := range sp.List.Indicators {
			in.Campaign = firstNonEmpty(in.Campaign, c.Name)
			in.Report = firstNonEmpty(in.Report, report)
			p.List.Indicators = append(p.List.Indicators, in)
		}
		names = append(names, c.Name)
		if len(c.Sources) > 0 {
			publishers[c.Sources[0]] = true
		}
	}
	p.List.Name = strings.Join(names, "; ")
	if len(publishers) == 1 {
		for k := range publishers {
			p.Publisher = k
		}
	}
	return p, nil
}

// localFile is where the collection's STIX file is under dir, or "" and
// the places looked at.
func (c mvtCollection) localFile(dir string) (string, []string) {
	var rel []string
	if g := c.GitHub; g.Path != "" {
		rel = append(rel, g.Path, path.Join(g.Repo, g.Path), path.Join(g.Owner, g.Repo, g.Path), path.Base(g.Path))
	}
	if u, err := url.Parse(c.DownloadURL); err == nil && u.Path != "" {
		rel = append(rel, path.Base(u.Path))
	}
	var tried []string
	for _, r := range rel {
		if !fs.ValidPath(r) {
			continue // no ../ out of the folder
		}
		p := filepath.Join(dir, filepath.FromSlash(r))
		tried = append(tried, p)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
	}
	return "", tried
}
