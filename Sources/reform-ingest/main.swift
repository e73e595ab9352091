import ReformCLI

IngestTool.runAsMain()
