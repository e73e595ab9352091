// The whole library under one name, for the executables and the tests: each layer is its own
// module (see Package.swift for the order), and the compiler refuses an import that breaks it.
@_exported import ReformCLI
@_exported import ReformCalendar
@_exported import ReformIngest
@_exported import ReformMetrics
@_exported import ReformModel
@_exported import ReformPipeline
@_exported import ReformReport
@_exported import ReformSample
@_exported import ReformStore
@_exported import ReformSupport
@_exported import ReformTabular
