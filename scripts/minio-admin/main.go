// Command twofold-minio-admin provisions Twofold's application user on the
// embedded MinIO. It exists because MinIO's admin API encrypts credential
// payloads (madmin's DARE format); calling it through madmin-go avoids
// re-implementing that format in TypeScript. It reads one JSON request on
// stdin so that no secret ever appears in argv (visible to `ps`).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"time"

	"github.com/minio/madmin-go/v3"
)

type request struct {
	Endpoint     string          `json:"endpoint"`
	RootUser     string          `json:"rootUser"`
	RootPassword string          `json:"rootPassword"`
	AppUser      string          `json:"appUser"`
	AppPassword  string          `json:"appPassword"`
	PolicyName   string          `json:"policyName"`
	Policy       json.RawMessage `json:"policy"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "twofold-minio-admin:", err)
		os.Exit(1)
	}
}

func run() error {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		return fmt.Errorf("reading request: %w", err)
	}
	u, err := url.Parse(req.Endpoint)
	if err != nil {
		return fmt.Errorf("parsing endpoint: %w", err)
	}
	adm, err := madmin.New(u.Host, req.RootUser, req.RootPassword, u.Scheme == "https")
	if err != nil {
		return fmt.Errorf("creating admin client: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	// Each call below is idempotent: AddUser resets the secret, AddCannedPolicy
	// replaces the document, SetPolicy replaces the mapping.
	if err := adm.AddCannedPolicy(ctx, req.PolicyName, req.Policy); err != nil {
		return fmt.Errorf("adding policy %s: %w", req.PolicyName, err)
	}
	if err := adm.AddUser(ctx, req.AppUser, req.AppPassword); err != nil {
		return fmt.Errorf("adding user %s: %w", req.AppUser, err)
	}
	//nolint:staticcheck // SetPolicy replaces the mapping, which keeps re-runs idempotent.
	if err := adm.SetPolicy(ctx, req.PolicyName, req.AppUser, false); err != nil {
		return fmt.Errorf("attaching policy %s to %s: %w", req.PolicyName, req.AppUser, err)
	}
	fmt.Println("ok")
	return nil
}
