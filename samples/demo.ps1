<#
.SYNOPSIS
    The whole port-out protection story against the Bandwidth emulator: protect the numbers of a CSV file,
    audit them, then watch a carrier's port-out fail with the wrong PIN and pass with the right one.
.DESCRIPTION
    Needs BW_ACCOUNT_ID, BW_USERNAME/BW_PASSWORD (or BW_CLIENT_ID/BW_CLIENT_SECRET) and BW_API_BASE_URI
    pointing at a running emulator (dotnet run --project src/PortOutPasscode.Emulator prints them).
    Runs as written in pwsh, and in the engine hosted by tools/PortOutPasscode.Host (the README's main job).
#>
param(
    [string] $Path = [System.IO.Path]::Combine($PSScriptRoot, 'tns.csv')
)

Connect-BwAccount

'== 1. Protect every number of the file, and wait for the orders to finish'
Set-BwPortOutPasscode -Path $Path -Wait -ErrorAction Continue

'== 2. Audit: which numbers of the file carry a passcode now'
Get-BwPortOutPasscode -Path $Path -ErrorAction SilentlyContinue

'== 3. A winning carrier asks to port 2012000101 away'
$emulatorRoot = ([uri]$env:BW_API_BASE_URI).GetLeftPart([System.UriPartial]::Authority)
$http = [System.Net.Http.HttpClient]::new()
try {
    foreach ($pin in 'wrong1', 'a1b2c3') {
        $body = [System.Net.Http.StringContent]::new(
            ('{{"telephoneNumber":"2012000101","pin":"{0}"}}' -f $pin), [System.Text.Encoding]::UTF8, 'application/json')
        $answer = $http.PostAsync("$emulatorRoot/_emulator/portouts", $body).GetAwaiter().GetResult()
        $text = $answer.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        $label = if ($pin -eq 'a1b2c3') { 'the right PIN' } else { 'a wrong PIN' }
        'Port-out with {0}: HTTP {1} {2}' -f $label, [int]$answer.StatusCode, $text
    }
}
finally {
    $http.Dispose()
}
