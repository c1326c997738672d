package account

import (
	_ "embed" // the demo M2M key pair
	"slices"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The demo account's identity and credentials. The credentials are public,
// fixed and for the demo only: scripts, docs and other-language clients use
// them against the emulator. Each is 64 lower-case hex characters, like
// NetSuite's, and is the hex SHA-256 of a label, so anyone can recompute it:
//
//	DemoConsumerKey    = sha256("nsconnect demo consumer key")
//	DemoConsumerSecret = sha256("nsconnect demo consumer secret")
//	DemoTokenID        = sha256("nsconnect demo token id")
//	DemoTokenSecret    = sha256("nsconnect demo token secret")
const (
	DemoAccountID   = "1234567_SB1"
	DemoTimezone    = "America/Los_Angeles"
	DemoIntegration = "nsconnect demo"
	DemoRole        = "nsconnect Integration"
	DemoUserEmail   = "nsconnect.integration@example.com"
	DemoTokenName   = "nsconnect demo token"

	// The demo account's echo RESTlet: script and deployment IDs.
	DemoRestletScript = "customscript_nsconnect_echo"
	DemoRestletDeploy = "customdeploy_nsconnect_echo"

	DemoConsumerKey               = "030e39c4bda30ea8213da55db409ed05ba6774c22f9c69f572de00be33ad3c15"
	DemoConsumerSecret tba.Secret = "51e17040d052e624b26fc5fcd6a29b03fe1086565f10385c42832d5358c60ee3"
	DemoTokenID                   = "a8483e2822e50313d6a41b59fcd0671ceecb38914a6308c5d2d724a94aca4903"
	DemoTokenSecret    tba.Secret = "f267ce0cfe89dfaad473c9f8f48256c06b1f266a92f6375c3c0e31ec33e73c4d"
)

// The demo account's OAuth 2.0 client credentials (M2M) mapping: public,
// fixed and for the demo only, like the TBA credentials above. The client ID
// is the integration's consumer key (Integration.ClientID); the certificate
// ID is the unpadded base64url SHA-256 of "nsconnect demo certificate id".
// The key pair is an EC P-256 pair generated once and committed beside this
// file (demo_m2m_private_key.pem, demo_m2m_public_key.pem): anyone can read
// the private key, so it proves nothing outside the emulator.
const (
	DemoClientID      = DemoConsumerKey
	DemoCertificateID = "JDZYE-91L52LxGSWKJ9xGqeA6RTCCZNDXJaMqLvRHVI"
)

// DemoM2MPrivateKeyPEM is the private key of the demo mapping, PKCS#8 PEM.
// Demo only: it is public.
//
//go:embed demo_m2m_private_key.pem
var DemoM2MPrivateKeyPEM []byte

// demoM2MPublicKeyPEM is the demo mapping's public key, PKIX PEM.
//
//go:embed demo_m2m_public_key.pem
var demoM2MPublicKeyPEM string

const (
	demoShippingZone   = "customrecord_shipping_zone"
	demoRoleID         = "1001"
	demoUserID         = "5"
	demoSeedRecords    = 0
	demoSeedRandomSeed = 1
	demoRestletID      = 101
)

// StandardRecordTypes are the standard record types the emulator serves, in
// the catalog's spelling: those of the embedded record catalog.
func StandardRecordTypes() []string {
	cat, err := catalog.Default()
	if err != nil {
		panic("account: the embedded record catalog does not load: " + err.Error())
	}
	return cat.Types()
}

// DemoCredentials returns the TBA credentials of the demo account's access
// token.
func DemoCredentials() tba.Credentials {
	return tba.Credentials{
		ConsumerKey:    DemoConsumerKey,
		ConsumerSecret: DemoConsumerSecret,
		TokenID:        DemoTokenID,
		TokenSecret:    DemoTokenSecret,
	}
}

// Demo returns the built-in demo account, a new copy on each call: account
// 1234567_SB1 in America/Los_Angeles with the M/D/YYYY date format and every
// feature enabled; one integration record, "nsconnect demo" (Enabled, TBA
// and Client Credentials (M2M) checked, scopes rest_webservices and
// restlets); one role, "nsconnect Integration" (not Web Services Only, with
// what REST and SuiteQL need per
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_5085602973.html
// and Full on every record type the emulator serves); one user with that role;
// one access token for that user, role and integration (DemoCredentials); one
// M2M mapping for them (DemoCertificateID); a few custom fields and the custom
// record type customrecord_shipping_zone; and an echo RESTlet,
// DemoRestletScript deployed as DemoRestletDeploy (Released, for the demo
// role), which answers {"method", "query", "body"}.
func Demo() *Account {
	loc, err := time.LoadLocation(DemoTimezone)
	if err != nil {
		panic("account: the demo time zone is missing: " + err.Error()) // time/tzdata is linked in
	}
	records := map[string]Level{demoShippingZone: Full}
	for _, rt := range StandardRecordTypes() {
		records[rt] = Full
	}
	features := map[Feature]bool{}
	for _, f := range Features() {
		features[f] = true
	}
	return &Account{
		ID:         mustAccountID(DemoAccountID),
		Timezone:   DemoTimezone,
		Location:   loc,
		DateFormat: DefaultDateFormat,
		Features:   features,
		Integrations: []Integration{{
			Name:                     DemoIntegration,
			ConsumerKey:              DemoConsumerKey,
			ConsumerSecret:           DemoConsumerSecret,
			State:                    Enabled,
			TokenBasedAuthentication: true,
			ClientCredentials:        true,
			Scopes:                   []Scope{ScopeRESTWebServices, ScopeRESTlets},
		}},
		Roles: []Role{{
			ID:   demoRoleID,
			Name: DemoRole,
			// Not Web Services Only: such roles cannot call RESTlets
			// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4254801119.html).
			WebServicesOnly: false,
			Permissions: map[Permission]Level{
				PermRESTWebServices:              Full,
				PermLogInUsingAccessTokens:       Full,
				PermSuiteAnalyticsWorkbook:       Edit,
				PermLogInUsingOAuth2AccessTokens: Full,
			},
			Records: records,
		}},
		Users: []User{{
			ID:    demoUserID,
			Name:  "nsconnect Integration User",
			Email: DemoUserEmail,
			Roles: []string{DemoRole},
		}},
		Tokens: []AccessToken{{
			Name:        DemoTokenName,
			TokenID:     DemoTokenID,
			TokenSecret: DemoTokenSecret,
			Integration: DemoIntegration,
			User:        DemoUserEmail,
			Role:        DemoRole,
		}},
		M2MMappings: []M2MMapping{{
			CertificateID: DemoCertificateID,
			Integration:   DemoIntegration,
			User:          DemoUserEmail,
			Role:          DemoRole,
			Certificate:   demoM2MPublicKeyPEM,
		}},
		CustomFields: []CustomField{
			{ScriptID: "custentity_loyalty_tier", Label: "Loyalty Tier", Type: catalog.CustomText, AppliesTo: []string{"customer"}},
			{ScriptID: "custbody_source_system", Label: "Source System", Type: catalog.CustomText},
			{ScriptID: "custcol_gift_wrap", Label: "Gift Wrap", Type: catalog.CustomCheckbox},
			{ScriptID: "custitem_hazmat", Label: "Hazardous Material", Type: catalog.CustomCheckbox},
		},
		CustomRecordTypes: []CustomRecordType{{
			ScriptID: demoShippingZone,
			Name:     "Shipping Zone",
			Fields: []CustomField{
				{ScriptID: "custrecord_zone_code", Label: "Zone Code", Type: catalog.CustomText},
				{ScriptID: "custrecord_zone_rate", Label: "Zone Rate", Type: catalog.CustomDecimal},
			},
		}},
		Restlets: []Restlet{{
			ScriptID: DemoRestletScript,
			ID:       demoRestletID,
			Name:     "nsconnect echo",
			Methods:  slices.Clone(RestletMethods),
			Handler:  RestletHandler{Echo: true},
			Deployments: []Deployment{{
				ScriptID: DemoRestletDeploy,
				ID:       1,
				Status:   Released,
				Roles:    []string{DemoRole},
			}},
		}},
		ConcurrencyLimit: DefaultConcurrencyLimit,
		Seed:             Seed{Records: demoSeedRecords, RandomSeed: demoSeedRandomSeed},
	}
}

func mustAccountID(s string) tba.Account {
	id, err := tba.ParseAccountID(s)
	if err != nil {
		panic(err)
	}
	return id
}
