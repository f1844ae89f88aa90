// Drives the emulator with Bandwidth's official Node SDK (@bandwidth/numbers) and prints, as one JSON document on
// stdout, what the SDK parsed from each answer. The xunit test SdkCompatibilityTests runs it and checks the values.
//
//   node compat.js <api base, e.g. http://127.0.0.1:5080/api> [accountId] [user] [password] [clientId] [clientSecret]
//
// Dates the SDK turned into Date objects are printed as {"$date": "..."}, so the test can tell them from strings.
"use strict";

const http = require("http");
const numbers = require("@bandwidth/numbers");
const superagent = require("superagent");

const [apiBase, accountId = "9900000", user = "demo", password = "demo-password",
  clientId = "demo-client", clientSecret = "demo-secret"] = process.argv.slice(2);
if (!apiBase) {
  console.error("usage: node compat.js <api base> [accountId] [user] [password] [clientId] [clientSecret]");
  process.exit(2);
}

const { Client, TnOption, InServiceNumber, PortOut, Subscription } = numbers;
const emulatorRoot = apiBase.replace(/\/api$/, "");
const basic = new Client(accountId, user, password, undefined, undefined, { apiEndPoint: apiBase });

// The SDK's own request/parse path for endpoints it has no helper for (history, tnPortoutPasscodes).
function request(client, method, path, data) {
  return new Promise((resolve) => {
    const args = [method, client.concatAccountPath(path)];
    if (data !== undefined) args.push(data);
    args.push((err, result) => resolve({ err, result }));
    client.makeRequest(...args);
  });
}

// What the SDK makes of a failure: its BandwidthError, or superagent's HTTP error with the body run through the
// SDK's own XML parser (the SDK hands 4xx/5xx back unparsed).
async function describeError(client, err) {
  if (!err) return null;
  const described = { code: err.code ?? null, message: err.message ?? null, httpStatus: err.httpStatus ?? err.status ?? null };
  const text = err.response && err.response.text;
  if (text) {
    described.parsedBody = await new Promise((resolve) => client.parseXml(text, (e, parsed) => resolve(e ? { parseError: e.message } : parsed)));
  }
  return described;
}

async function settle(promise, client) {
  try {
    return { result: await promise, error: null };
  } catch (err) {
    return { result: null, error: await describeError(client, err) };
  }
}

async function waitForFinal(client, orderId) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { result, error } = await settle(TnOption.getAsync(client, orderId), client);
    // The SDK reports an order whose ErrorList has one Error as a BandwidthError: that is final too.
    if (error || ["COMPLETE", "PARTIAL", "FAILED"].includes(result.processingStatus)) return { result, error };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`order ${orderId} did not finish`);
}

async function main() {
  const out = {};

  // Create through the SDK's own TnOption.create (it builds the XML), then read it back every way the SDK can.
  out.create = await settle(TnOption.createAsync(basic, {
    customerOrderId: "sdk-compat-1",
    tnOptionGroups: [{ portOutPasscode: "a1b2c3", telephoneNumbers: ["2012000001", "2012000002"] }],
  }), basic);
  const orderId = out.create.result && out.create.result.orderId;
  out.get = await waitForFinal(basic, orderId);
  out.list = await settle(TnOption.listAsync(basic, { customerOrderId: "sdk-compat-1" }), basic);
  out.listDetails = await settle(TnOption.listAsync(basic, { orderDetails: true }), basic);
  out.history = await request(basic, "get", `tnoptions/${orderId}/history`);
  out.passcodePage = await request(basic, "get", "tnPortoutPasscodes", { page: 1, size: 10 });
  out.lookup = await request(basic, "post", "tnPortoutPasscodes", { tnList: { tn: ["2012000001", "2012000003"] } });
  out.lookup.err = await describeError(basic, out.lookup.err);

  // An order whose one number is not on the account: final with one ErrorList entry (5076).
  const failed = await settle(TnOption.createAsync(basic, {
    tnOptionGroups: [{ portOutPasscode: "a1b2c3", telephoneNumbers: ["5550000001"] }],
  }), basic);
  out.failed = await waitForFinal(basic, failed.result.orderId);

  // Synchronous refusals: 5193 (bad passcode) and 404 (unknown order).
  out.invalidPasscode = await settle(TnOption.createAsync(basic, {
    tnOptionGroups: [{ portOutPasscode: "ab", telephoneNumbers: ["2012000001"] }],
  }), basic);
  out.notFound = await settle(TnOption.getAsync(basic, "00000000-0000-0000-0000-000000000000"), basic);

  // Bearer: the SDK's token URL is fixed to Bandwidth's, so take a token from the emulator and give it to the SDK.
  const token = await superagent.post(emulatorRoot + "/api/v1/oauth2/token")
    .type("form").auth(clientId, clientSecret).send({ grant_type: "client_credentials" });
  const bearer = new Client(accountId, undefined, undefined, undefined, undefined,
    { apiEndPoint: apiBase, tempAccessToken: token.body.access_token, autoRefreshToken: false });
  out.token = { tokenType: token.body.token_type, expiresIn: token.body.expires_in };
  out.bearerGet = await settle(TnOption.getAsync(bearer, orderId), bearer);

  const wrong = new Client(accountId, user, "wrong-password", undefined, undefined, { apiEndPoint: apiBase });
  out.unauthorized = await settle(TnOption.getAsync(wrong, orderId), wrong);

  await inServiceAndPortOuts(out);

  process.stdout.write(JSON.stringify(out, function (key, value) {
    if (key === "client") return undefined; // the SDK's client object (with its credentials) hangs on what it returns
    return this[key] instanceof Date ? { $date: this[key].toISOString() } : value;
  }, 2) + "\n");
}

// In-service numbers, subscriptions and port-outs through the SDK's own helpers; a callback subscription made by the
// SDK points at a server of this script, and a port-out with a wrong PIN (the emulator's admin API) must reach it.
async function inServiceAndPortOuts(out) {
  out.inService = await settle(InServiceNumber.listAsync(basic, { page: 1, size: 10 }), basic);
  out.inServiceTotals = await settle(InServiceNumber.totalsAsync(basic), basic);
  out.inServiceOne = await settle(InServiceNumber.getAsync(basic, "2012000101"), basic);
  out.inServiceMissing = await settle(InServiceNumber.getAsync(basic, "2012000126"), basic);

  const received = [];
  const hook = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => { body += chunk; });
    req.on("end", () => { received.push(body); res.statusCode = 200; res.end(); });
  });
  await new Promise((resolve) => hook.listen(0, "127.0.0.1", resolve));
  try {
    out.emailSubscription = await settle(Subscription.createAsync(basic, {
      orderType: "portouts", emailSubscription: { email: "noc@example.com", digestRequested: "DAILY" },
    }), basic);
    out.callbackSubscription = await settle(Subscription.createAsync(basic, {
      orderType: "portouts", callbackSubscription: { URL: `http://127.0.0.1:${hook.address().port}/hook`, expiry: 3600 },
    }), basic);
    if (out.emailSubscription.result) {
      out.subscriptionUpdate = await settle(out.emailSubscription.result.updateAsync({
        orderType: "portouts", emailSubscription: { email: "ops@example.com", digestRequested: "NONE" },
      }), basic);
    }
    out.subscriptions = await settle(Subscription.listAsync(basic, {}), basic);

    const attempt = await superagent.post(emulatorRoot + "/_emulator/portouts").ok(() => true)
      .send({ telephoneNumber: "2012000001", pin: "wrong1" });
    out.portOutAttempt = { status: attempt.status, orderId: attempt.body.orderId };
    for (let i = 0; i < 250 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    out.callbackBodies = received;

    out.portOuts = await settle(PortOut.listAsync(basic, { page: 1, size: 300 }), basic);
    out.portOut = await settle(PortOut.getAsync(basic, attempt.body.orderId), basic);

    for (const created of [out.emailSubscription, out.callbackSubscription]) {
      if (created.result) await settle(created.result.deleteAsync(), basic);
    }
    out.subscriptionsAfterDelete = await settle(Subscription.listAsync(basic, {}), basic);
  } finally {
    hook.close();
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
