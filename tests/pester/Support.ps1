# Shared by the Pester suites (dot-source it in BeforeDiscovery and BeforeAll). Runs on Windows PowerShell 5.1
# and PowerShell 7. The module under test is the built folder out/PortOutPasscode: run ./build.ps1 first.

$RepoRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
# The emulator as a process (Start-BwEmulator, Invoke-EmulatorAdmin…), fresh PowerShell processes
# (Invoke-ChildShell) and the packaging of the module (New-ModulePackage): the same code build.ps1 runs.
. ([System.IO.Path]::Combine($RepoRoot, 'tools', 'EmulatorProcess.ps1'))
. ([System.IO.Path]::Combine($RepoRoot, 'tools', 'ChildShell.ps1'))
. ([System.IO.Path]::Combine($RepoRoot, 'tools', 'ModulePackage.ps1'))
$ModuleFolder = [System.IO.Path]::Combine($RepoRoot, 'out', 'PortOutPasscode')
$ModuleManifest = [System.IO.Path]::Combine($ModuleFolder, 'PortOutPasscode.psd1')
$SampleCsv = [System.IO.Path]::Combine($RepoRoot, 'samples', 'tns.csv')

$ExpectedCmdlets = @(
    'Connect-BwAccount', 'Disconnect-BwAccount', 'Get-BwConnection', 'Get-BwPortOut', 'Get-BwPortOutPasscode',
    'Get-BwSubscription', 'Get-BwTnOptionOrder', 'Get-BwTnOptionOrderHistory', 'New-BwPortOutPasscode',
    'New-BwSubscription', 'Remove-BwPortOutPasscode', 'Remove-BwSubscription', 'Set-BwPortOutPasscode',
    'Sync-BwPortOutPasscode', 'Test-BwPortOutProtection', 'Wait-BwTnOptionOrder'
)

$BwVariables = @('BW_ACCOUNT_ID', 'BW_USERNAME', 'BW_PASSWORD', 'BW_CLIENT_ID', 'BW_CLIENT_SECRET', 'BW_API_BASE_URI')

# The built module folder first on the module path, as an installed module would be (about_ topics included).
$separator = [System.IO.Path]::PathSeparator
$outFolder = [System.IO.Path]::Combine($RepoRoot, 'out')
if (-not (($env:PSModulePath -split [regex]::Escape($separator)) -contains $outFolder)) {
    $env:PSModulePath = $outFolder + $separator + $env:PSModulePath
}

function Import-ModuleUnderTest {
    if (-not (Test-Path -LiteralPath $ModuleManifest)) {
        throw "The module is not built: $ModuleManifest is missing. Run ./build.ps1 first."
    }
    Import-Module -Name $ModuleManifest -ErrorAction Stop
}

function New-TestCredential([string] $UserName, [string] $Secret) {
    $secure = (New-Object -TypeName System.Net.NetworkCredential -ArgumentList '', $Secret).SecurePassword
    New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList $UserName, $secure
}

# The emulator's documented demo OAuth2 client and API user: not secrets.
$DemoClient = New-TestCredential 'demo-client' 'demo-secret'
$DemoApiUser = New-TestCredential 'demo' 'demo-password'

# What a suite against the emulator starts with: the module imported, the BW_* variables saved and cleared, an
# emulator process of its own. Hand what it returns to Exit-EmulatorSuite in AfterAll.
function Enter-EmulatorSuite {
    Import-ModuleUnderTest
    $saved = Save-BwEnvironment
    Clear-BwEnvironment
    [pscustomobject]@{ Emulator = Start-BwEmulator; SavedEnvironment = $saved }
}

function Exit-EmulatorSuite($Suite) {
    Disconnect-BwAccount
    if ($Suite) {
        Stop-BwEmulator $Suite.Emulator
        Restore-BwEnvironment $Suite.SavedEnvironment
    }
}

function Save-BwEnvironment {
    $saved = @{}
    foreach ($name in $BwVariables) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $saved
}

function Clear-BwEnvironment {
    foreach ($name in $BwVariables) {
        [Environment]::SetEnvironmentVariable($name, $null)
    }
}

function Restore-BwEnvironment([hashtable] $Saved) {
    foreach ($name in $BwVariables) {
        [Environment]::SetEnvironmentVariable($name, $Saved[$name])
    }
}

# A winning carrier's port-out request for the number with this PIN: Status 200 (ACCEPTED) or 409 (REJECTED, 7610).
function Invoke-BwPortOut($Emulator, [string] $TelephoneNumber, [string] $Pin) {
    Add-Type -AssemblyName System.Net.Http
    $client = New-Object -TypeName System.Net.Http.HttpClient
    try {
        $json = @{ telephoneNumber = $TelephoneNumber; pin = $Pin } | ConvertTo-Json -Compress
        $content = New-Object -TypeName System.Net.Http.StringContent -ArgumentList $json, ([System.Text.Encoding]::UTF8), 'application/json'
        $response = $client.PostAsync([uri]::new($Emulator.RootUri, '/_emulator/portouts'), $content).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        [pscustomobject]@{ Status = [int]$response.StatusCode; Body = $text | ConvertFrom-Json }
    }
    finally {
        $client.Dispose()
    }
}
