using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PortOutPasscode.Engine;

namespace PortOutPasscode
{
    /// <summary>
    /// Every sentence the engine says to a user, in one place, so that they read alike and none slips a secret in: these
    /// take numbers, row labels, ids and counts, never a passcode, credential or token.
    /// </summary>
    internal static class Messages
    {
        // Rows refused before anything is sent.

        internal static string RowHasNoNumber(string row) =>
            $"{row} has no telephone number: give it one of the columns {Input.Columns.NumberList}. Nothing was sent for this row.";

        internal static string RowsHaveNoNumberProperty(string row, IEnumerable<string> properties) =>
            $"{row} has no telephone number property: it has {List(properties, "no properties")}. Name the number column one of {Input.Columns.NumberList} (Import-Csv takes -Header, or use Select-Object @{{n='TelephoneNumber';e={{$_.Phone}}}}). Nothing was sent for this row; later rows like it are counted, not reported one by one.";

        internal static string MoreRowsHadNoNumberProperty(long count, string first, string last) =>
            $"{Count(count, "more row")} ({(first == last ? first : first + " to " + last)}) had no telephone number property either; nothing was sent for {(count == 1 ? "it" : "them")}.";

        internal static string InvalidNumber(string row, string echo, string problem, bool swapped) =>
            echo == null
                ? $"{row}: the telephone number is not valid: {problem}.{(swapped ? " The passcode column holds a telephone number: were the columns swapped?" : "")} Nothing was sent for this row; correct it and run again for it."
                : $"{row}: '{echo}' is not a valid North American telephone number: {problem}. Nothing was sent for this row; correct it and run again for it.";

        internal static string PasscodeNotText(string row, string number) =>
            $"{row} ({number}): the passcode must be text or a SecureString. Nothing was sent for this number.";

        internal static string InvalidPasscode(string row, string number, string problem, bool missing) =>
            $"{row} ({number}): {problem}.{(missing ? " Pass -Passcode, or give the row a Passcode column." : "")} Nothing was sent for this number.";

        internal static string PasscodeIsTheNumber(string row, string number) =>
            $"{row} ({number}): the passcode is the telephone number itself, which anyone porting the number knows; were the columns swapped? Nothing was sent for this number.";

        internal static string PasscodeConflict(string row, string number, string firstRow) =>
            $"{row}: {number} was already given in {firstRow} with a different passcode, so this row was not sent. A number has one passcode: fix the input and run again for this number.";

        internal static string DuplicateRow(string row, string number, string firstRow) =>
            $"{row}: {number} repeats {firstRow} with the same passcode; it is sent once.";

        internal static string TwoNumberColumns(string row, string used) =>
            $"{row} has more than one telephone number column; {used} was used (the first of {Input.Columns.NumberList} a row has). Give each row one number column to be sure which is meant.";

        // Connecting.

        internal static string BasicDeprecated(DateTime decommission, DateTime now) =>
            (now < decommission
                ? $"HTTP Basic (an API user's name and password) is deprecated: Bandwidth decommissions API users on {decommission:yyyy-MM-dd}, and from then on OAuth2 client credentials are the only way in."
                : $"HTTP Basic (an API user's name and password) is no longer supported: Bandwidth decommissioned API users on {decommission:yyyy-MM-dd}; only OAuth2 client credentials are accepted.")
            + " Create an OAuth2 client in the Bandwidth App (Account > API Credentials), give it the Line Feature Management role, and connect with -ClientCredential (or BW_CLIENT_ID and BW_CLIENT_SECRET).";

        internal const string CredentialMissing =
            "No Bandwidth credentials: pass -ClientCredential (an OAuth2 client id and secret), or set BW_CLIENT_ID and BW_CLIENT_SECRET. (-Credential, an API user, still works until Bandwidth decommissions API users on 2026-12-02.)";

        internal static string AccountIdMissing(bool basic) =>
            basic
                ? "No Bandwidth account id: pass -AccountId or set the BW_ACCOUNT_ID environment variable."
                : "No Bandwidth account id: pass -AccountId or set BW_ACCOUNT_ID (with -SkipCheck the token cannot be read to find it).";

        internal static string AccountIdNotInToken(string[] accounts) =>
            accounts == null
                ? "No Bandwidth account id: pass -AccountId or set BW_ACCOUNT_ID (the client's token does not name its accounts)."
                : $"No Bandwidth account id: the client's token names {Count(accounts.Length, "account")} ({List(accounts, "none")}); pass -AccountId to choose one.";

        internal static string TokenNotForAccount(BwConnection connection, string[] accounts) =>
            $"OAuth2 client '{connection.UserName}' may not use account {connection.AccountId}: its token names {List(accounts, "no account")}. Check -AccountId, or ask an administrator to give the client access to the account. Nothing was sent.";

        internal static string TokenLacksRole(BwConnection connection, string[] roles, string role) =>
            $"OAuth2 client '{connection.UserName}' lacks the '{role}' role that port-out passcodes (TN option orders) need: its token grants {List(roles, "no roles")}. Ask an administrator to add the role to the client in the Bandwidth App, then connect again. Nothing was sent.";

        // -Path files.

        internal static string EmptyNumberFile(string fileName) => $"{fileName} is empty: it has no header and no numbers.";

        internal static string NoNumberColumnNoHeader(string fileName) =>
            $"{fileName} has no column for the telephone number: its first line must be a header naming one of {Input.Columns.NumberList} (and optionally {string.Join(", ", Input.Columns.Passcode)}), or the file must have a single column of numbers with no header.";

        internal static string NoNumberColumn(string fileName) =>
            $"{fileName} has no column for the telephone number; name one of its header's columns {Input.Columns.NumberList}.";

        internal static string UnclosedQuote(string fileName, long line) =>
            $"Line {line} of {fileName} opens a quoted field (\") that never closes: the rest of the file, from line {line} on, was not read (the rows before it were). Fix the quote and run again for the rows from line {line}.";

        // A run of Set or Remove.

        internal static string RunOrderIds(string baseId) =>
            $"Orders of this run carry the CustomerOrderId {baseId}-1, -2, …; find them later with Get-BwTnOptionOrder -CustomerOrderId {baseId}-1.";

        internal static string OrderTarget(Contract.TnOptionOrderRequest request)
        {
            var count = request.NumberCount;
            var first = request.Numbers.FirstOrDefault();
            return $"{Count(count, "telephone number")} ({first}{(count > 1 ? " …" : "")}) in order {request.CustomerOrderId}";
        }

        internal static string BaseAlreadyUsed(string baseId, string firstId, int count) =>
            $"The CustomerOrderId base '{baseId}' already names orders on this account ({Count(count, "order")} named {firstId}). This run's orders get the same names; the module still adopts only orders this run created, but to find a run's orders by name later, give each run its own base (for example {baseId}-yyyyMMdd), or leave -CustomerOrderId out.";

        internal static string BaseNotChecked(string baseId, string why) =>
            $"Could not check whether the CustomerOrderId base '{baseId}' already names orders: {why}";

        internal static string NoWaitOutcomesUnknown(string baseId) =>
            $"-NoWait: the orders are output as Bandwidth accepted them, so the numbers' outcomes are not known yet (Pending). Follow them with '… | Wait-BwTnOptionOrder', or later with Get-BwTnOptionOrder -CustomerOrderId {baseId}-1 (and -2, …).";

        internal static string OrderRejectedForNumber(string number, string customerOrderId, string why) =>
            $"{number}: Bandwidth refused order {customerOrderId} as a whole: {why} Nothing was changed for this number.";

        internal static string OrderNotDeliveredForNumber(string number, string customerOrderId, string why, bool surelyNotCreated) =>
            $"{number}: order {customerOrderId} could not be delivered: {why} " + (surelyNotCreated
                ? "Nothing was changed for this number; run again for it."
                : $"Check with Get-BwTnOptionOrder -CustomerOrderId {customerOrderId} whether the order exists before running again for this number.");

        internal static string NumberFailed(TnOutcome outcome) =>
            outcome.Code == null
                ? $"{outcome.TelephoneNumber}: {outcome.Description} (order {outcome.OrderId}, {outcome.CustomerOrderId})."
                : $"{outcome.TelephoneNumber}: Bandwidth error {outcome.Code}: {outcome.Description} (order {outcome.OrderId}, {outcome.CustomerOrderId}). {AdviceFor(outcome.Code)}";

        internal const string NumberMissingFromAnswer =
            "Bandwidth's final answer does not list this number, so whether the order changed it is not known; check it with Get-BwPortOutPasscode -TelephoneNumber and run again for it if needed";

        internal static string ForeignNumbers(TnOptionOrder order, IReadOnlyList<string> numbers) =>
            $"Order {order.OrderId} ({order.CustomerOrderId}) names {Count(numbers.Count, "number")} that it was not sent ({string.Join(", ", numbers.Take(5))}{(numbers.Count > 5 ? ", …" : "")}); they were ignored.";

        internal static string ThrottledBeyondCapHalt(BandwidthThrottledException throttled) =>
            throttled.Message;

        internal static string RunHalted(string cause, long notSent, long sent, bool inputRead, IReadOnlyList<string> openOrders)
        {
            var text = $"{cause} The run stopped: {Count(notSent, "valid number")} read so far {(notSent == 1 ? "was" : "were")} not sent";
            text += inputRead ? "." : ", and the rest of the input was not read.";
            if (sent > 0) text += $" {Count(sent, "number")} in orders sent before that were output with their outcomes.";
            if (openOrders.Count > 0) text += " " + OpenOrders(openOrders);
            return text;
        }

        internal static string RunAbandoned(IReadOnlyList<string> openOrders, IReadOnlyList<string> unknownCustomerOrderIds, string baseId)
        {
            var parts = new List<string> { "PortOutPasscode: the run stopped early." };
            if (openOrders.Count > 0) parts.Add(OpenOrders(openOrders));
            if (unknownCustomerOrderIds.Count > 0)
            {
                parts.Add($"{Count(unknownCustomerOrderIds.Count, "order")} ({string.Join(", ", unknownCustomerOrderIds)}) {(unknownCustomerOrderIds.Count == 1 ? "was" : "were")} being sent: check with Get-BwTnOptionOrder -CustomerOrderId {unknownCustomerOrderIds[0]} whether Bandwidth has {(unknownCustomerOrderIds.Count == 1 ? "it" : "them")}.");
            }
            return string.Join(" ", parts);
        }

        private static string OpenOrders(IReadOnlyList<string> orderIds) =>
            $"{Count(orderIds.Count, "order")} accepted by Bandwidth {(orderIds.Count == 1 ? "is" : "are")} still being processed; their numbers are being changed. Follow them with: Wait-BwTnOptionOrder -OrderId {string.Join(",", orderIds)}";

        internal static string RunProgress(long read, long sent, long done, long notDone, int open) =>
            $"{Number(read)} read, {Number(sent)} sent, {Number(done)} done, {Number(notDone)} not done; {Count(open, "order")} open";

        private static string AdviceFor(string code)
        {
            switch (code)
            {
                case "5076": return "The number is not on this account; check the account id and the number.";
                case "5196": return "Only numbers on Bandwidth's network (on-net) can have a passcode.";
                case "5197": return "Only the number's voice owner can assign its passcode.";
                case "15610": return "The number cannot be found on this account.";
                default: return "Nothing was changed for this number.";
            }
        }

        internal static string OrdersStillOpen(IReadOnlyList<TnOptionOrder> orders, TimeSpan timeout) =>
            $"{Count(orders.Count, "order")} {(orders.Count == 1 ? "was" : "were")} still open {Seconds(timeout)} after {(orders.Count == 1 ? "it was" : "they were")} given: {string.Join(", ", orders.Select(o => $"{o.OrderId} ({o.ProcessingStatus})"))}. {(orders.Count == 1 ? "It was" : "They were")} output as last seen and go on at Bandwidth; wait again later with Wait-BwTnOptionOrder.";

        // Coverage.

        internal const string AuditActivity = "Checking port-out protection";

        internal static string AuditReadingProtected(long read) => $"reading the account's protected numbers: {Number(read)} so far";

        internal static string AuditProgress(long inService, long unprotected) => $"{Number(inService)} in-service numbers checked, {Number(unprotected)} unprotected";

        internal static string NoInServiceNumbers(bool filtered) =>
            filtered
                ? "No in-service number matched the filters, so nothing was checked: 100% of nothing is not coverage. Check the filters' values (AreaCode 201, NpaNxx 201555, State NJ)."
                : "The account lists no in-service numbers, so nothing was checked: 100% of nothing is not coverage. Is this the right account?";

        internal static string AuditDone(long inService) => $"{Number(inService)} numbers checked";

        // Desired state.

        internal const string SyncActivity = "Bringing port-out passcodes to the desired state";

        internal static string SyncPlanning(long done, long total) => $"{Number(done)} of {Number(total)} numbers compared with Bandwidth";

        internal static string DesiredConflict(string number, string firstRow, string row) =>
            $"{number} is given twice with different passcodes: in {firstRow} and in {row}";

        internal static string DesiredStateConflicts(IReadOnlyList<string> conflicts) =>
            $"The desired state gives {Count(conflicts.Count, "number")} two different passcodes, so nothing was sent: "
            + string.Join("; ", conflicts.Take(10)) + (conflicts.Count > 10 ? $"; and {Number(conflicts.Count - 10)} more" : "")
            + ". A number has one passcode: fix the input and run again.";

        internal static string NotOnAccountForSync(string number, string code, string description) =>
            $"{number} is not on the account ({code}{(string.IsNullOrEmpty(description) ? "" : ": " + description)}), so there is nothing to protect; nothing was sent for it.";

        internal static string RemovalTarget(long count) =>
            $"Remove the port-out passcode from {Count(count, "number")} the desired state does not list? They can then be ported away without a PIN.";

        internal static string RemovalsHeldBack(long removals, long refused) =>
            $"{Count(refused, "row")} of the desired state {(refused == 1 ? "was" : "were")} refused, and a refused row may be a number to keep, so -RemoveUnlisted unprotected none of the {Count(removals, "number")} it would have. Fix the rows and run again.";

        internal static string NothingListedToKeep(long refused) =>
            "The desired state lists no number" + (refused > 0 ? $" ({Count(refused, "row")} refused)" : "")
            + ", so -RemoveUnlisted would unprotect every protected number of the account. Nothing was sent. To take every passcode off, use Remove-BwPortOutPasscode.";

        internal static string SyncPlanText(SyncPlan plan)
        {
            var parts = new List<string>
            {
                $"{Number(plan.Unchanged)} already as desired",
                $"{Number(plan.Protect)} to protect",
                $"{Number(plan.Change)} to change",
                $"{Number(plan.Remove)} to unprotect",
            };
            if (plan.NotOnAccount > 0) parts.Add($"{Number(plan.NotOnAccount)} not on the account");
            if (plan.Refused > 0) parts.Add($"{Number(plan.Refused)} refused before sending");
            return string.Join(", ", parts);
        }

        internal static string SyncPlanWhatIf(SyncPlan plan) =>
            $"Sync-BwPortOutPasscode would change {Count(plan.Protect + plan.Change + plan.Remove, "number")}: {SyncPlanText(plan)}. Nothing was sent.";

        internal static string SyncSummary(SyncPlan plan, string sentOutcomes) =>
            $"Sync-BwPortOutPasscode: {SyncPlanText(plan)}. Sent: {sentOutcomes}.";

        // What the client was doing (completes "… while {what}").

        internal const string CheckingCredentials = "checking the credentials";
        internal const string ListingOrders = "listing TN option orders";
        internal const string ListingPasscodes = "listing the account's port-out passcodes";
        internal const string ListingInService = "listing the account's in-service numbers";
        internal const string CountingInService = "counting the account's in-service numbers";

        internal static string ReadingOrder(string orderId) => $"reading TN option order '{orderId}'";

        internal static string ReadingHistory(string orderId) => $"reading the history of TN option order '{orderId}'";

        internal static string LookingUpPasscodes(int count) => $"looking up the passcodes of {Count(count, "number")}";

        internal static string CreatingOrder(string customerOrderId) => $"creating TN option order '{customerOrderId}'";

        internal static string CreateOutcomeUnknown(string customerOrderId) =>
            $"creating TN option order '{customerOrderId}'. Whether it was created is not known: Get-BwTnOptionOrder -CustomerOrderId {customerOrderId} tells, before it is sent again";

        // The client's refusals and failures.

        internal static string OrderNotFound(string orderId, string accountId) =>
            $"TN option order '{orderId}' does not exist on account {accountId}. Check the order id, and that the connection is to the account that placed it.";

        internal static string InvalidOrderId(string echo) =>
            $"'{echo}' is not a Bandwidth order id (order ids are GUIDs such as 409033ee-88ec-43e3-85f3-538f30733963). Nothing was sent.";

        internal static string CustomerOrderIdTooLong(string customerOrderId) =>
            $"The CustomerOrderId '{customerOrderId}' has {customerOrderId.Length} characters; Bandwidth allows at most {Contract.ApiLimits.MaxCustomerOrderIdLength}.";

        internal static string CreateBudgetSpent(string customerOrderId, Client.BandwidthClientOptions options) =>
            $"TN option order '{customerOrderId}' got no usable answer from the Bandwidth API within {Seconds(options.CreateBudget)}, the most this connection allows for one order ({options.MaxRetries + 1} attempts of up to {Seconds(options.RequestTimeout)}, with waits of up to {Seconds(options.MaxRetryDelay)} between them; Connect-BwAccount -MaximumRetryCount, -RequestTimeoutSec and -MaximumRetryDelaySec set them). Whether it was created is not known: Get-BwTnOptionOrder -CustomerOrderId {customerOrderId} tells, before it is sent again.";

        internal static string OrderRejected(string customerOrderId, string detail, int numbers) =>
            $"Bandwidth rejected TN option order '{customerOrderId}' as a whole ({detail}); none of its {Count(numbers, "number")} were changed.";

        internal static string PageRepeats(string what, string page, int pages) =>
            $"The Bandwidth API's answer while {what} points back to a page it already gave (page '{RowRulesEcho(page)}', after {Count(pages, "page")}), so the list would never end. Stopped; what was listed so far is output. Try again later; if it recurs, the API is misbehaving.";

        internal static string PagingDoesNotEnd(string what, long items, int? total, int pages) =>
            total.HasValue
                ? $"The Bandwidth API keeps giving pages while {what}: {Number(items)} items in {Count(pages, "page")}, more than the {Number(total.Value)} it says there are. Stopped, so the list does not run forever; what was listed so far is output."
                : $"The Bandwidth API gave {Count(pages, "page")} while {what} without saying how many items there are, and still points to another. Stopped, so the list does not run forever; what was listed so far is output.";

        internal static string FeatureDisabled(string accountId, string detail) =>
            $"Account {accountId} does not have the Port-Out Passcode/PIN Protection feature ({detail}). Ask Bandwidth to enable PortOutPasscodeProtection on the account; no passcode can be set until then.";

        internal static string WrongBaseUri(string what, Uri baseUri, string detail) =>
            $"Bandwidth answered 'not found' ({detail}) while {what}: the base address {baseUri} looks wrong, or the API refused the query. The account's collections are under https://dashboard.bandwidth.com/api (v1) or https://api.bandwidth.com/api/v2: -BaseUri must include /api. Nothing was read, so this is not an empty result.";

        internal static string NotFound(string what, string detail) => $"Not found while {what} ({detail}).";

        internal static string ThrottledAfterRetries(string what) =>
            $"The Bandwidth API is still throttling requests (HTTP 429) after the retries allowed while {what}. Wait a while and run it again, or connect with a higher -MaximumRetryCount or -MaximumRetryDelaySec (Connect-BwAccount).";

        internal static string ThrottledBeyondCap(string what, TimeSpan requested, DateTimeOffset until, TimeSpan cap) =>
            $"The Bandwidth API is throttling requests (HTTP 429) and asked to wait {Seconds(requested)}, until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, while {what}; this connection waits at most {Seconds(cap)} (Connect-BwAccount -MaximumRetryDelaySec), so nothing more is sent for now. Run again after that time.";

        internal static string ServerFailed(string what, string detail) =>
            $"The Bandwidth API failed while {what} ({detail}), also on every retry. It is probably a problem on Bandwidth's side: try again later.";

        internal static string Refused(string what, string detail) => $"The Bandwidth API refused {what} ({detail}).";

        internal static string CredentialsRefused(BwConnection connection, int status, string detail)
        {
            var who = connection == null ? "these credentials"
                : connection.AuthenticationKind == BwAuthenticationKind.Basic ? $"API user '{connection.UserName}'"
                : $"OAuth2 client '{connection.UserName}'";
            var account = connection == null ? "this account" : "account " + connection.AccountId;
            var hint = status == 403
                ? $"The credentials were recognised but may not use {account} for this: check the account id, and ask an administrator to give {who} the role that manages TN options (Line Feature Management) for it."
                : connection?.AuthenticationKind == BwAuthenticationKind.OAuth2ClientCredentials
                    ? "Check the client id and secret (-ClientCredential, or BW_CLIENT_ID and BW_CLIENT_SECRET)."
                    : "Check the API user name and password (-Credential, or BW_USERNAME and BW_PASSWORD), and that the user has API access. Bandwidth decommissions API users (HTTP Basic) on 2026-12-02: create an OAuth2 client in the Bandwidth App and connect with -ClientCredential.";
            return $"The Bandwidth API refused the credentials for {who} on {account} ({detail}). {hint}";
        }

        internal static string NoAnswerInTime(Uri baseUri, TimeSpan timeout, string what) =>
            $"The Bandwidth API at {baseUri} did not answer within {Seconds(timeout)} while {what}, also on every retry. Check the network and proxy, or raise -RequestTimeoutSec (Connect-BwAccount).";

        internal static string Unreachable(Uri baseUri, string what, string why) =>
            $"Could not reach the Bandwidth API at {baseUri} while {what}: {why} Check the network, the proxy (-Proxy) and -BaseUri.";

        internal static string UnreadableAnswer(string problem, string what, Uri baseUri) =>
            $"{problem} This was the answer while {what} at {baseUri}. Check -BaseUri: it must be the Bandwidth API base (such as {BwConnection.DefaultBaseUri}), and nothing in between (a proxy, a captive portal) may answer in its place.";

        // PINs, port-outs and subscriptions.

        internal static string NoStrongPinLeft(int length, bool alphanumeric, int made, int asked, bool forNumbers) =>
            $"Could not find {(made == 0 ? "a" : "another")} strong {length}-character {(alphanumeric ? "alphanumeric" : "digit")} PIN ({made} of {asked} made): "
            + $"the rules (no repeated character, run, repeated pattern, year or common PIN{(forNumbers ? ", and no 4 characters in a row of the numbers given" : "")}) leave too few of that length. "
            + "Ask for a longer -Length, -Alphanumeric, or fewer at once (-Count).";

        internal const string ListingPortOuts = "listing the account's port-outs";

        internal static string ReadingPortOut(string orderId) => $"reading port-out '{orderId}'";

        internal static string PortOutNotFound(string orderId, string accountId) =>
            $"Port-out '{orderId}' does not exist on account {accountId}. Check the id (Get-BwPortOut lists them), and that the connection is to the account whose numbers it concerns.";

        internal const string ListingSubscriptions = "listing the account's subscriptions";

        internal static string ReadingSubscription(string subscriptionId) => $"reading subscription '{subscriptionId}'";

        internal static string RemovingSubscription(string subscriptionId) => $"removing subscription '{subscriptionId}'";

        internal static string CreatingSubscription(string orderType, string target) => $"subscribing {target} to {orderType} notifications";

        internal static string InvalidSubscriptionId(string echo) =>
            $"'{echo}' is not a Bandwidth subscription id (ids are GUIDs such as 85d9de14-32c6-4e3e-a283-7e079d9c9555; Get-BwSubscription lists them). Nothing was sent.";

        internal static string SubscriptionNotFound(string subscriptionId, string accountId) =>
            $"Subscription '{subscriptionId}' does not exist on account {accountId} (or was removed already). Get-BwSubscription lists the account's subscriptions.";

        internal static string SubscriptionMissingFromAnswer(string subscriptionId) =>
            $"The Bandwidth API answered the request for subscription '{subscriptionId}' without a subscription in it.";

        internal static string SubscriptionRejected(string orderType, string target, int status, string reason) =>
            $"Bandwidth refused to subscribe {target} to {orderType} notifications (HTTP {status}): {reason} Nothing was created; correct the subscription and run again.";

        internal static string SubscriptionExists(string orderType, string target, string reason) =>
            $"{target} is already subscribed to {orderType} notifications (HTTP 409): {reason} Nothing new was created; Get-BwSubscription -OrderType {orderType} shows it.";

        internal static string SubscriptionIdMissing(string orderType, string target) =>
            $"Bandwidth created the subscription of {target} to {orderType} notifications but its answer names no subscription id (no Location header); Get-BwSubscription -OrderType {orderType} shows it.";

        // Hostile conditions and conformance (issues 13 and 17).

        internal const string EnvironmentBaseUriHasUserInfo =
            "BW_API_BASE_URI carries a user name or password before the host (user:secret@host); that part would be sent and logged with every request. Set it to the address alone, and the credentials in BW_CLIENT_ID and BW_CLIENT_SECRET. The address was not used.";

        internal static string CellTooLong(string fileName, long line, int maxLength) =>
            $"Line {line} of {fileName} has a cell longer than {Number(maxLength)} characters, far longer than any telephone number or passcode: the rest of the file, from line {line} on, was not read (the rows before it were). Check that the file is a CSV of numbers, and run again for the rows from line {line}.";

        // Formatting helpers.

        internal static string Count(long count, string singular) => Number(count) + " " + singular + (count == 1 ? "" : "s");

        internal static string Seconds(TimeSpan span) =>
            span.TotalSeconds.ToString(span.TotalSeconds % 1 == 0 ? "N0" : "N1", CultureInfo.InvariantCulture) + " s";

        private static string RowRulesEcho(string text) => Input.RowRules.Echo(text);

        internal static string Number(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

        internal static string List(IEnumerable<string> items, string none)
        {
            var list = items?.Where(i => !string.IsNullOrEmpty(i)).ToList() ?? new List<string>();
            return list.Count == 0 ? none : string.Join(", ", list);
        }
    
        // One PIN per value (-NewPasscodePer) and the audit file (-AuditLogPath).

        internal static string PasscodeWithNewPasscodePer(string row, string number, string property) =>
            $"{row} ({number}) brings a passcode of its own, and -NewPasscodePer {property} gives every {property} a new one, so the row was not sent. Leave the Passcode (PortOutPasscode, Pin) column out or empty, or run without -NewPasscodePer for such rows.";

        internal static string NewPasscodePerValueMissing(string row, string number, string property) =>
            $"{row} ({number}) has no {property}, so it was not sent: -NewPasscodePer {property} gives one PIN per {property}. Fill in the row's {property}, or leave the row out.";

        internal static string NewPasscodePerConflict(string row, string number, string firstRow, string property, string earlierValue, string value) =>
            $"{row}: {number} is under {property} '{RowRulesEcho(value)}', but {firstRow} put it under '{RowRulesEcho(earlierValue)}', so this row was not sent. A number gets one PIN: fix the input and run again for this number.";

        internal static string NoStrongPinForValue(string row, string number, string property, string value, int length, bool alphanumeric) =>
            $"{row} ({number}) was not sent: no strong {length}-character {(alphanumeric ? "alphanumeric" : "digit")} PIN is left for {property} '{RowRulesEcho(value)}' that holds no 4 characters in a row of its numbers (or differs from every other {property}'s). Use a longer -PasscodeLength, or -Alphanumeric.";

        internal static string NoNewPasscodePerColumn(string fileName, string column) =>
            $"{fileName} has no {column} column for -NewPasscodePer {column} (the header must name it, in any case); nothing was read from it. Add the column, or name one the header has.";

        internal static string NewPasscodePerWithPasscode(string property) =>
            $"-NewPasscodePer {property} makes a new PIN per {property}, and -Passcode gives one for every number: use one of them. Nothing was sent.";

        internal static string NewPasscodePerNeedsRows(string property) =>
            $"-NewPasscodePer {property} reads each row's {property}: pipe objects that have it (Import-Csv rows) or give -Path files with a {property} column, not -TelephoneNumber. Nothing was sent.";

        internal const string PinOptionsNeedNewPasscodePer =
            "-PasscodeLength and -Alphanumeric shape the PINs -NewPasscodePer makes; give them with -NewPasscodePer (New-BwPortOutPasscode makes PINs on its own). Nothing was sent.";

        internal static string AuditLogUnavailable(string path, string reason, bool beforeAnything) =>
            $"The audit file '{path}' cannot be written: {reason} Check that its folder exists and that you may write there, or name another file with -AuditLogPath.{(beforeAnything ? " Nothing was sent." : "")}";

        internal static string AuditLogIsFolder(string path) =>
            $"The audit file '{path}' is a folder: -AuditLogPath takes a file (it is created if missing and only ever appended to). Nothing was sent.";

        internal static string AuditLogWriteFailed(string reason, string customerOrderId) =>
            $"{reason} The outcomes of order {customerOrderId} are in the output but not in the audit file, and no further order was sent.";

        // Blank rows and outcomes (issue 12).

        internal static string BlankPipelineRowsSkipped(long count) =>
            $"{Count(count, "fully empty row")} skipped: every property was empty (Import-Csv makes such rows from a spreadsheet's blank lines). Nothing was sent for them.";

        internal static string BlankFileRowsSkipped(string fileName, long count) =>
            $"{fileName}: {Count(count, "fully empty row")} skipped (every cell empty, as spreadsheets export blank lines). Nothing was sent for them.";
    }
}
