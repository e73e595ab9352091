import ReformCLI

SampleTool.runAsMain()
