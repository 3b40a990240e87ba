# Builds the Windows installer from dist\omidesk (after `pyinstaller build.spec`) with Inno Setup,
# and signs omidesk.exe, the uninstaller and the installer with Authenticode when the release
# workflow's secrets are set:
#   WINDOWS_CERTIFICATE      base64 of the code-signing certificate (.pfx)
#   WINDOWS_CERTIFICATE_PWD  its password
# Without them it says so and builds an unsigned installer (users then see SmartScreen once, as
# the README explains). The certificate is imported into this user's store only for the build
# and removed again, its .pfx deleted at once: nothing of it reaches dist\ or an artifact.
# Usage (repository root): pwsh packaging/windows/build_installer.ps1 -Version X.Y.Z
param([Parameter(Mandatory = $true)][string]$Version)
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..\..')
$timestamp = 'http://timestamp.digicert.com'

function Find-Iscc {
    $found = @("${env:ProgramFiles(x86)}\Inno Setup *\ISCC.exe", "$env:ProgramFiles\Inno Setup *\ISCC.exe") |
        ForEach-Object { Get-ChildItem -Path $_ -ErrorAction SilentlyContinue } |
        Sort-Object FullName | Select-Object -Last 1
    if ($found) { return $found.FullName }
    return $null
}

function Find-SignTool {
    $found = Get-ChildItem -Path "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
        Sort-Object { [version]$_.Directory.Parent.Name } | Select-Object -Last 1
    if (-not $found) { throw 'build_installer: signtool.exe (Windows SDK) not found' }
    return $found.FullName
}

function Invoke-Checked([string]$what, [scriptblock]$command) {
    & $command
    if ($LASTEXITCODE -ne 0) { throw "build_installer: $what failed (exit $LASTEXITCODE)" }
}

$iscc = Find-Iscc
if (-not $iscc) {
    Invoke-Checked 'installing Inno Setup' { choco install innosetup --no-progress -y }
    $iscc = Find-Iscc
}
if (-not $iscc) { throw 'build_installer: ISCC.exe not found after installing Inno Setup' }
Write-Output "build_installer: $iscc"

$thumbprint = $null
try {
    if ($env:WINDOWS_CERTIFICATE -and $env:WINDOWS_CERTIFICATE_PWD) {
        $pfx = Join-Path ([IO.Path]::GetTempPath()) ("omidesk-signing-" + [guid]::NewGuid() + ".pfx")
        try {
            [IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_CERTIFICATE))
            $password = ConvertTo-SecureString -String $env:WINDOWS_CERTIFICATE_PWD -AsPlainText -Force
            $cert = Import-PfxCertificate -FilePath $pfx -CertStoreLocation Cert:\CurrentUser\My -Password $password
        } finally {
            Remove-Item -Path $pfx -Force -ErrorAction SilentlyContinue
        }
        $thumbprint = $cert.Thumbprint
        $signtool = Find-SignTool
        # The same command signs the app now and, through Inno Setup, the uninstaller and the
        # installer ($q is a quote and $f the file for Inno Setup; no password on any command line).
        $arguments = "sign /sha1 $thumbprint /fd sha256 /tr $timestamp /td sha256 /d OMIDesk"
        Invoke-Checked 'signing omidesk.exe' { & $signtool sign /sha1 $thumbprint /fd sha256 /tr $timestamp /td sha256 /d OMIDesk dist\omidesk\omidesk.exe }
        $tool = '$q' + $signtool + '$q ' + $arguments + ' $f'
        Invoke-Checked 'Inno Setup' { & $iscc "/DAppVersion=$Version" '/DSignTool=omidesk' "/Somidesk=$tool" packaging\windows\omidesk.iss }
        $installer = Get-ChildItem dist\installer\*.exe | Select-Object -First 1
        Invoke-Checked 'verifying the signatures' { & $signtool verify /pa /v dist\omidesk\omidesk.exe $installer.FullName }
        Write-Output "build_installer: omidesk.exe, the uninstaller and $($installer.Name) are signed"
    } else {
        Write-Output 'build_installer: WINDOWS_CERTIFICATE / WINDOWS_CERTIFICATE_PWD are not set: signing skipped, the installer stays unsigned'
        Invoke-Checked 'Inno Setup' { & $iscc "/DAppVersion=$Version" packaging\windows\omidesk.iss }
    }
} finally {
    if ($thumbprint) {
        Remove-Item -Path "Cert:\CurrentUser\My\$thumbprint" -DeleteKey -ErrorAction SilentlyContinue
    }
}
