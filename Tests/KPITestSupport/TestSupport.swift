import KPIKit
