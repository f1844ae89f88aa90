#Requires -Modules PortOutPasscode
<#
.SYNOPSIS
    The whole port-out protection story: protect the numbers of a CSV file, find the in-service numbers still
    unprotected and close the gap (coverage 72% to 100%), then see a carrier's port-out with the wrong PIN held in
    EXCEPTION, and pass with the right one.
.DESCRIPTION
    Connects the way a runbook does, from the environment: BW_ACCOUNT_ID, BW_CLIENT_ID and BW_CLIENT_SECRET
    (OAuth2) and BW_API_BASE_URI. The port-out step uses the Bandwidth emulator's simulation, so run it against
    the emulator: ./build.ps1 -Task Demo starts one, sets those variables and runs this script in a fresh
    PowerShell. Against an emulator of your own (dotnet run --project src/PortOutPasscode.Emulator prints its
    address and its demo OAuth2 client), set them yourself.
#>
param(
    [string] $Path = [System.IO.Path]::Combine($PSScriptRoot, 'tns.csv')
)

# Anything but a row's own problem stops the demo; the rows' problems are shown and the run goes on.
$ErrorActionPreference = 'Stop'

Connect-BwAccount

'== 1. Protect every number of the file, each with the passcode of its row'
$orders = Import-Csv -LiteralPath $Path | Set-BwPortOutPasscode -ErrorAction SilentlyContinue -ErrorVariable problems
$orders | Format-Table | Out-String -Width 150
'Rows not protected, each with its reason:'
foreach ($problem in $problems) {
    '  - ' + $problem.Exception.Message
}

'== 2. Audit: which in-service numbers of area code 201 can be ported away without a PIN?'
$unprotected = @(Test-BwPortOutProtection -AreaCode 201 -InformationVariable audit | Where-Object Status -eq Unprotected)
$unprotected | Format-Table | Out-String -Width 150

'== 3. Close the gap: one fresh strong PIN for the numbers the file missed'
$pin = New-BwPortOutPasscode -TelephoneNumber $unprotected.TelephoneNumber
$unprotected | Set-BwPortOutPasscode -Passcode $pin | Format-Table | Out-String -Width 150
Test-BwPortOutProtection -AreaCode 201 -InformationVariable after | Out-Null
'Coverage of area code 201: {0}% before, {1}% now. Compliant: {2}' -f $audit.MessageData.CoveragePercent,
    $after.MessageData.CoveragePercent, (Test-BwPortOutProtection -AreaCode 201 -Quiet)

'== 4. A winning carrier asks to port 2012000101 away: first with a wrong PIN, then with the right one'
Add-Type -AssemblyName System.Net.Http
$emulatorRoot = ([uri]$env:BW_API_BASE_URI).GetLeftPart([System.UriPartial]::Authority)
$http = New-Object -TypeName System.Net.Http.HttpClient
function Send-PortOut([string] $Json) {
    $body = New-Object -TypeName System.Net.Http.StringContent -ArgumentList $Json, ([System.Text.Encoding]::UTF8), 'application/json'
    $answer = $http.PostAsync("$emulatorRoot/_emulator/portouts", $body).GetAwaiter().GetResult()
    $answer.Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json
}
try {
    $attempt = Send-PortOut '{"telephoneNumber":"2012000101","pin":"wrong1"}'
    'With a wrong PIN the port-out is held, not done ({0}). The account sees it:' -f $attempt.processingStatus
    Get-BwPortOut -Status EXCEPTION | Format-Table | Out-String -Width 150
    $retry = Send-PortOut ('{{"orderId":"{0}","pin":"a1b2c3"}}' -f $attempt.orderId)
    'Resubmitted with the PIN the subscriber was given: {0}' -f $retry.processingStatus
    Get-BwPortOut -OrderId $attempt.orderId | Format-Table | Out-String -Width 150
}
finally {
    $http.Dispose()
}
