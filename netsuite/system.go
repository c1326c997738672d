package netsuite

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// ServerTime returns NetSuite's current time. It needs no permission, which
// makes it a good first check of a connection.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_0528010158.html
//
//meta:operation GET /system/v1/serverTime
func (c *Client) ServerTime(ctx context.Context) (time.Time, *Response, error) {
	req, err := c.NewRequest(ctx, http.MethodGet, "system/v1/serverTime", nil)
	if err != nil {
		return time.Time{}, nil, err
	}
	var body struct {
		ServerTime string `json:"serverTime"`
	}
	resp, err := c.Do(req, &body)
	if err != nil {
		return time.Time{}, resp, err
	}
	// "2025-03-26T16:21:00.000Z": UTC with milliseconds
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_0528010158.html).
	t, err := time.Parse(time.RFC3339Nano, body.ServerTime)
	if err != nil {
		return time.Time{}, resp, fmt.Errorf("netsuite: serverTime %q is not an RFC 3339 time", body.ServerTime)
	}
	return t, resp, nil
}
