; Inno Setup 6 script for OMIDesk: a per-user install without administrator rights.
; Build after `pyinstaller build.spec` (which leaves dist\omidesk\), from the repository root:
;   iscc /DAppVersion=X.Y.Z packaging\windows\omidesk.iss
; The release workflow passes the package's version (omidesk/__init__.py). The installer lands
; in dist\installer\OMIDesk-<version>-windows-x64-setup.exe.

#define AppName "OMIDesk"
#define AppExe "omidesk.exe"
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\omidesk.iss
#endif

[Setup]
; Never change the AppId: it is how an upgrade finds and replaces the installed version.
AppId={{A06E14BD-B5A0-4859-A72F-63F8804883FB}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
; Per user, no UAC prompt: %LOCALAPPDATA%\Programs\OMIDesk, Start menu of this user.
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppName}
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile=..\..\omidesk\resources\icons\omidesk.ico
SourceDir=.
OutputDir=..\..\dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
ArchitecturesAllowed=x64compatible
ArchitecturesInstallMode=x64compatible
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running OMIDesk before files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[InstallDelete]
; An upgrade removes the previous version's bundle first, so no stale library or module of
; the old version is left beside the new one (settings and passwords live elsewhere).
Type: filesandordirs; Name: "{app}\_internal"
Type: files; Name: "{app}\{#AppExe}"

[Files]
Source: "..\..\dist\omidesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"
