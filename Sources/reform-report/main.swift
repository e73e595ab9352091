import ReformCLI

ReportTool.runAsMain()
