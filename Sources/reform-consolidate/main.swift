import ReformCLI

ConsolidateTool.runAsMain()
