import ReformCLI

ComputeTool.runAsMain()
