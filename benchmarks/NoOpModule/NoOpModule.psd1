@{
    ModuleVersion     = '1.0.0'
    RootModule        = 'NoOpModule.dll'
    GUID              = '0c7d5a55-61c2-4c41-9d0b-2b8f3b1c9e77'
    Description       = 'Benchmark floor: a cmdlet that binds like Set-BwPortOutPasscode and does nothing.'
    PowerShellVersion = '5.1'
    CmdletsToExport   = @('Set-NoOpPortOutPasscode')
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
