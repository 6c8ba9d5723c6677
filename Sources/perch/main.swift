import PerchCLI

await Perch.main()
