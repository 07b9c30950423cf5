# Windows installers, included by packaging/CMakeLists.txt before include(CPack).
#   NSIS: the installer people double-click: start-menu entry, uninstaller, optional start at
#         login, upgrade in place (the previous version is uninstalled first, same folder).
#   WiX:  an MSI for managed deployment (GPO, Intune): same files, MajorUpgrade by UpgradeCode.
# These variables are inert for the other generators; they are set on every platform so that
# the packaging_nsis_script test can compile the NSIS script on Linux with Debian's makensis.

# Unversioned keys and folder: a new version finds the old one and replaces it in place.
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY Tenfour)
set(CPACK_PACKAGE_INSTALL_DIRECTORY Tenfour)

set(CPACK_NSIS_PACKAGE_NAME Tenfour)
set(CPACK_NSIS_DISPLAY_NAME "Tenfour")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\tenfour.exe")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN tenfour.exe)
set(CPACK_NSIS_COMPRESSOR "/SOLID lzma")
set(CPACK_NSIS_UNINSTALL_NAME Uninstall)
if(TENFOUR_ICO)
  file(TO_NATIVE_PATH "${TENFOUR_ICO}" _tenfour_ico_native)
  set(CPACK_NSIS_MUI_ICON "${_tenfour_ico_native}")
  set(CPACK_NSIS_MUI_UNIICON "${_tenfour_ico_native}")
  set(CPACK_WIX_PRODUCT_ICON "${TENFOUR_ICO}")
endif()

# A running Tenfour holds its files open: the upgrade (and the uninstall) would fail on them.
set(CPACK_NSIS_EXTRA_PREINSTALL_COMMANDS [=[
  nsExec::Exec '"$SYSDIR\taskkill.exe" /IM tenfour.exe /F'
  Pop $0
]=])

# Start at login, per user, under the same Run value the app's own "Start at login" setting
# uses ("Tenfour"). Asked in the interactive installer; a silent install (/S) says no unless
# given /AUTOSTART=1. FileFunc.nsh (GetParameters, GetOptions) emits its functions on first use,
# so it may be included here, inside the section.
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS [=[
  !include FileFunc.nsh
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/AUTOSTART=" $R1
  IfErrors tenfour_ask tenfour_decided
  tenfour_ask:
    StrCpy $R1 "0"
    MessageBox MB_YESNO|MB_ICONQUESTION "Start Tenfour when you log in?" /SD IDNO IDNO tenfour_decided
    StrCpy $R1 "1"
  tenfour_decided:
  StrCmp $R1 "1" 0 tenfour_autostart_done
    WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "Tenfour" '"$INSTDIR\bin\tenfour.exe" --minimized'
  tenfour_autostart_done:
]=])

set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS [=[
  nsExec::Exec '"$SYSDIR\taskkill.exe" /IM tenfour.exe /F'
  Pop $0
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "Tenfour"
]=])

# WiX (MSI). The UpgradeCode never changes: it is what makes a newer MSI replace an older one.
set(CPACK_WIX_UPGRADE_GUID "BCFCB783-9A1D-4533-9858-EAC1D3595154")
set(CPACK_WIX_PROGRAM_MENU_FOLDER Tenfour)
set(CPACK_WIX_ARCHITECTURE x64)
