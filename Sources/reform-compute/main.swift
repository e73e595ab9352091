import ReformCore
