#Requires -Modules PortOutPasscode
<#
.SYNOPSIS
    The whole port-out protection story: protect the numbers of a CSV file, audit them, then watch a carrier's
    port-out fail with the wrong PIN and pass with the right one.
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
$orders = Import-Csv -LiteralPath $Path | Set-BwPortOutPasscode -Wait -ErrorAction SilentlyContinue -ErrorVariable problems
$orders | Format-Table | Out-String -Width 120
'Rows not protected, each with its reason:'
foreach ($problem in $problems) {
    '  - ' + $problem.Exception.Message
}

'== 2. Audit: which numbers of the file carry a passcode now (the view masks them)'
Get-BwPortOutPasscode -Path $Path -ErrorAction SilentlyContinue | Format-Table | Out-String -Width 120

'== 3. A winning carrier asks to port 2012000101 away'
Add-Type -AssemblyName System.Net.Http
$emulatorRoot = ([uri]$env:BW_API_BASE_URI).GetLeftPart([System.UriPartial]::Authority)
$http = New-Object -TypeName System.Net.Http.HttpClient
try {
    foreach ($pin in 'wrong1', 'a1b2c3') {
        $json = '{{"telephoneNumber":"2012000101","pin":"{0}"}}' -f $pin
        $body = New-Object -TypeName System.Net.Http.StringContent -ArgumentList $json, ([System.Text.Encoding]::UTF8), 'application/json'
        $answer = $http.PostAsync("$emulatorRoot/_emulator/portouts", $body).GetAwaiter().GetResult()
        $text = $answer.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        $label = if ($pin -eq 'a1b2c3') { 'the right PIN' } else { 'a wrong PIN' }
        'Port-out with {0}: HTTP {1} {2}' -f $label, [int]$answer.StatusCode, $text
    }
}
finally {
    $http.Dispose()
}
