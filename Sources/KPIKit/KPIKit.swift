@_exported import KPIYAML
@_exported import KPILanguage
@_exported import KPIEngine
@_exported import KPIModules
