// The npm netsuite-rest client of the bench scripts, connected to the
// emulator whose ready line (JSON) is given.
"use strict";

const NetsuiteRest = require("netsuite-rest");

module.exports = function connect(confLine) {
  const conf = JSON.parse(confLine);
  return new NetsuiteRest({
    consumer_key: conf.consumerKey,
    consumer_secret_key: conf.consumerSecret,
    token: conf.tokenId,
    token_secret: conf.tokenSecret,
    realm: conf.accountId,
    base_url: conf.url,
  });
};
