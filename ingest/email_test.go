package ingest

import (
	"context"
	"strings"
	"testing"
)

func TestEmailParts(t *testing.T) {
	tests := []struct {
		name, msg       string
		title, body     string
		attachments     []string // titles
		authorSubstring string
	}{
		{
			name: "html only, latin-1 quoted-printable",
			msg: "From: =?iso-8859-1?q?Jos=E9_P=E9rez?= <jose@x.example>\r\nSubject: =?utf-8?b?SW5mb3JtZSBkZSBjYW1wbw==?=\r\n" +
				"Date: Tue, 02 Mar 2021 10:30:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=iso-8859-1\r\n" +
				"Content-Transfer-Encoding: quoted-printable\r\n\r\n<html><body><p>La reuni=F3n con los testigos fue el lunes en la sede de la cl=EDnica.</p>" +
				"<p>Los tres testigos describieron el mismo veh=EDculo.</p></body></html>\r\n",
			title: "Informe de campo", body: "La reunión con los testigos", authorSubstring: "José Pérez",
		},
		{
			name: "alternative inside mixed, an inline image",
			msg: "From: desk@x.example\r\nSubject: Photos\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=outer\r\n\r\n" +
				"--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n" +
				"--inner\r\nContent-Type: text/html\r\n\r\n<p>HTML version</p>\r\n" +
				"--inner\r\nContent-Type: text/plain\r\n\r\nPlain version of the note.\r\n--inner--\r\n" +
				"--outer\r\nContent-Type: image/png; name=\"checkpoint.png\"\r\nContent-Disposition: inline; filename=\"checkpoint.png\"\r\n" +
				"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgoAAAANSUhEUg==\r\n--outer--\r\n",
			title: "Photos", body: "Plain version of the note.", attachments: []string{"checkpoint.png"}, authorSubstring: "desk@x.example",
		},
		{
			name:  "no subject",
			msg:   "From: a@x.example\r\nTo: b@x.example\r\nDate: Wed, 03 Mar 2021 16:45:00 +0000\r\n\r\nA short message.\r\n",
			title: "(no subject)", body: "To: b@x.example", authorSubstring: "a@x.example",
		},
	}
	for _, tt := range tests {
		var items []Item
		f := File{Path: "m.eml", ID: "m-eml-00000000"}
		err := emitMessage(context.Background(), f, []byte(tt.msg), f.ID, "", func(it Item) error { items = append(items, it); return nil })
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		msg := items[0].Doc
		if msg.Title != tt.title || !strings.Contains(msg.Body, tt.body) || len(msg.Authors) != 1 || !strings.Contains(msg.Authors[0], tt.authorSubstring) {
			t.Errorf("%s: title %q authors %q body %q", tt.name, msg.Title, msg.Authors, msg.Body)
		}
		if strings.Contains(msg.Body, "HTML version") {
			t.Errorf("%s: the HTML alternative was taken over the plain one", tt.name)
		}
		var got []string
		for _, it := range items[1:] {
			got = append(got, it.Doc.Title)
			if it.Doc.Provenance.Parent != f.ID {
				t.Errorf("%s: attachment %s does not name its message", tt.name, it.Doc.Title)
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.attachments, ",") {
			t.Errorf("%s: attachments %q, want %q", tt.name, got, tt.attachments)
		}
	}
}
