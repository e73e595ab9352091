import ReformCLI

CompareTool.runAsMain()
