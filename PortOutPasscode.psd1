@{
    # The one source of the module version: the build stamps it into every assembly.
    ModuleVersion          = '0.2.0'
    RootModule             = 'PortOutPasscode.dll'
    GUID                   = '5b0f1c7e-3d4a-4c8e-9a51-2f6b7d9e0a13'
    Author                 = 'PortOutPasscode contributors'
    CompanyName            = 'PortOutPasscode'
    Copyright              = '(c) PortOutPasscode contributors. MIT License.'
    Description            = 'Protects phone numbers on the Bandwidth network from unauthorized port-outs: sets, audits and removes port-out passcodes in bulk, from the pipeline or a CSV file.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    # The types scripts name ([PortOutPasscode.BwConnection]) load first, into PowerShell's own load context.
    RequiredAssemblies     = @('PortOutPasscode.Model.dll')
    TypesToProcess         = @('PortOutPasscode.types.ps1xml')
    FormatsToProcess       = @('PortOutPasscode.format.ps1xml')
    CmdletsToExport        = @(
        'Connect-BwAccount'
        'Get-BwConnection'
        'Disconnect-BwAccount'
        'Set-BwPortOutPasscode'
        'Remove-BwPortOutPasscode'
        'Get-BwPortOutPasscode'
        'Get-BwTnOptionOrder'
        'Get-BwTnOptionOrderHistory'
        'Wait-BwTnOptionOrder'
        'New-BwPortOutPasscode'
        'Get-BwPortOut'
        'Get-BwSubscription'
        'New-BwSubscription'
        'Remove-BwSubscription'
        'Test-BwPortOutProtection'
        'Sync-BwPortOutPasscode'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Bandwidth', 'Telecom', 'PortOut', 'Passcode', 'PIN', 'NumberPorting', 'Security',
                             'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/portoutpasscode/PortOutPasscode'
            LicenseUri   = 'https://github.com/portoutpasscode/PortOutPasscode/blob/main/LICENSE'
            ReleaseNotes = 'https://github.com/portoutpasscode/PortOutPasscode/blob/main/CHANGELOG.md'
        }
    }
}
