import ReformCLI

ReformCommand.runAsMain()
