import PerchCLI

await Perch.run(arguments: nil)
