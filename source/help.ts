import type {CommandName} from './args.js';

const main = `mkt-wizard: connect a script to the Etsy and eBay APIs

Usage
  mkt-wizard                     the interactive wizard: keys, scopes, consent
  mkt-wizard --demo              the wizard against the built-in emulator
                                 (no account, no network)
  mkt-wizard login <etsy|ebay>   log in; asks only in a terminal, and only for
                                 what is missing
  mkt-wizard token <etsy|ebay>   print a valid access token (refreshed or
                                 minted as needed); --headers for curl
  mkt-wizard status [--json]     saved connections: scopes, expiry, identity
  mkt-wizard logout <etsy|ebay>  forget the tokens (--all: the keys too)
  mkt-wizard doctor [etsy|ebay]  check config, file modes, ports, localhost,
                                 reachability and tokens
  mkt-wizard emulator [--port N] the built-in Etsy/eBay emulator, for tests
  mkt-wizard store copy --to URL copy the saved connections into PostgreSQL
                                 (--from URL: back)

Options
  --profile NAME            which saved connection (default "default")
  --env sandbox|production  eBay environment (default production)
  --no-browser              print the consent URL, do not open a browser
  --json                    machine-readable output (status, doctor)
  -h, --help                a command's own options: mkt-wizard login --help
  -v, --version             print the version

Environment
  ETSY_API_KEY, ETSY_SHARED_SECRET, ETSY_REDIRECT_URI
                            Etsy keystring, shared secret, callback URL
  EBAY_CLIENT_ID, EBAY_CLIENT_SECRET, EBAY_RUNAME
                            eBay App ID, Cert ID, RuName
  MKT_WIZARD_CONFIG_DIR     where the config lives
                            (default ~/.config/mkt-wizard-nodejs)
  MKT_WIZARD_STORE          postgres://user:password@host:port/db: keep
                            connections in PostgreSQL, shared by machines
  MKT_WIZARD_STORE_KEY      with MKT_WIZARD_STORE: the key (32+ characters)
                            secrets are encrypted with
  BROWSER                   command that opens the consent URL; "none" never
  MKT_WIZARD_ETSY_AUTHORIZE_URL, MKT_WIZARD_ETSY_TOKEN_URL,
  MKT_WIZARD_ETSY_API_URL, MKT_WIZARD_EBAY_AUTHORIZE_URL,
  MKT_WIZARD_EBAY_API_URL, MKT_WIZARD_EBAY_APIZ_URL
                            endpoint overrides: staging servers, tests

Output: tokens, headers, listings and --json on stdout; progress, warnings
and errors on stderr.
Exit status: 0 success, 1 failure (cause and fix on stderr; status: nothing
saved), 2 usage error.
`;

const pages: Partial<Record<CommandName, string>> = {
	login: `Usage: mkt-wizard login <etsy|ebay> [options]

Connects a marketplace account and saves the tokens. In a terminal it opens the
wizard with every value from flags and environment filled in; with --yes or no
terminal it prompts for nothing and fails naming what is missing.

Options
  --scopes a,b              scopes to request (Etsy: shops_r,listings_r; eBay:
                            sell.inventory, or any full scope URI your keyset
                            has)
  --redirect-uri URI        Etsy: the callback URL registered in Your Apps
                            (default http://localhost:3000/callback)
                            eBay: the RuName (or set EBAY_RUNAME)
  --grant user|app          eBay: a user token by consent (default), or an
                            application token by client credentials
  --env sandbox|production  eBay environment (default production)
  --timeout SECONDS         how long to wait for the browser (default 300)
  --paste                   read the redirected URL from stdin instead of
                            listening on loopback
  --sign-in-again           eBay: make eBay ask for the password again
                            (prompt=login), for a browser signed in to another
                            eBay account
  --no-browser              print the consent URL, do not open a browser
  --profile NAME            save under this profile (default "default")
  --yes                     never prompt, even in a terminal

Credentials come from ETSY_API_KEY / ETSY_SHARED_SECRET or EBAY_CLIENT_ID /
EBAY_CLIENT_SECRET / EBAY_RUNAME, else from the saved profile.

Examples
  ETSY_API_KEY=… ETSY_SHARED_SECRET=… mkt-wizard login etsy --scopes shops_r
  mkt-wizard login ebay --grant app --env sandbox
  mkt-wizard login ebay --paste < redirected-url.txt
`,
	token: `Usage: mkt-wizard token <etsy|ebay> [options]

Prints a valid access token and a newline on stdout, nothing else. Refreshes it
(Etsy, eBay user token) or mints a new one (eBay application token) when less
than --min-valid seconds remain. Parallel callers refresh once.

Options
  --headers                 print the HTTP header lines a request needs
                            instead (Etsy: Authorization and x-api-key), for
                            curl -H @-; keeps the keys off the command line
  --min-valid SECONDS       renew when fewer seconds remain (default 300)
  --grant user|app          eBay: which token (default: the user token; with
                            only an application token saved, pass --grant app)
  --env sandbox|production  eBay environment (default production)
  --profile NAME            which saved connection (default "default")

Examples
  mkt-wizard token etsy --headers | curl -H @- \\
    https://api.etsy.com/v3/application/users/me
  mkt-wizard token ebay --env sandbox --headers | curl -H @- …
`,
	status: `Usage: mkt-wizard status [--json] [--profile NAME]

Lists saved connections on stdout: provider, profile, environment, identity,
scopes and when the access and refresh tokens expire. Secrets are shown only
as ••••last4. With nothing saved it says so on stderr and exits 1 (--json
still prints an empty list on stdout).
`,
	logout: `Usage: mkt-wizard logout <etsy|ebay> [--all] [--profile NAME]
                         [--env sandbox|production]

Forgets the saved tokens. With --all, forgets the credentials too.
Nothing is revoked at the provider: remove the app's access on the marketplace
to do that.
`,
	doctor: `Usage: mkt-wizard doctor [etsy|ebay] [--json] [--offline]
                         [--redirect-uri URI [--registered URI]]

Checks everything a login depends on, one line each with ok / warn / fail and
the fix: the config file, its mode (0600) and folder (0700), each saved token,
the loopback callback port on 127.0.0.1 and ::1 (and who holds it), what
localhost resolves to, whether the provider endpoints answer (skipped with
--offline), and how a browser would be opened. Naming etsy or ebay limits the
tokens and endpoints checked to that marketplace. With MKT_WIZARD_STORE, the
PostgreSQL store instead of the config file: reachable, its schema version,
and MKT_WIZARD_STORE_KEY opening every connection.

--redirect-uri URI --registered URI compares the redirect URI sent with the one
registered in the app settings, character by character, and names the fix.
Exit status 1 when any check fails.

Examples
  mkt-wizard doctor
  mkt-wizard doctor etsy --redirect-uri http://localhost:3000/callback \\
    --registered http://127.0.0.1:3000/callback
`,
	store: `Usage: mkt-wizard store copy --to URL | --from URL

Copies every saved connection between this machine's config file and a
PostgreSQL store: --to URL from the file into the database, --from URL back.
Secrets are decrypted from one and encrypted for the other with
MKT_WIZARD_STORE_KEY. Nothing is deleted from the source, and a connection the
target already holds is left as it is. Afterwards use one store only: a refresh
through one spends the refresh token the other still holds.

Example
  MKT_WIZARD_STORE_KEY=… mkt-wizard store copy \\
    --to postgres://mkt:secret@db.internal:5432/mkt
`,
	emulator: `Usage: mkt-wizard emulator [--port N]

Runs the built-in Etsy and eBay emulator on 127.0.0.1 and prints the variables
that point mkt-wizard (or your own tests) at it. Stop it with Ctrl+C.
`,
};

export function helpText(command: CommandName | undefined): string {
	return (command && pages[command]) ?? main;
}

/**
 * The help command that explains `--flag`: the command's own page when it lists it, else the
 * first page that does, else the main help.
 */
export function helpCommandFor(flag: string | undefined, command: string): string {
	const lists = (page: string | undefined) => flag !== undefined && page !== undefined && new RegExp(`--${flag}\\b`).test(page);
	const own = pages[command as CommandName];
	if (lists(own)) {
		return `mkt-wizard ${command} --help`;
	}

	const other = Object.entries(pages).find(([, page]) => lists(page))?.[0];
	if (other) {
		return `mkt-wizard ${other} --help`;
	}

	return own ? `mkt-wizard ${command} --help` : 'mkt-wizard --help';
}
