fn main() -> std::process::ExitCode {
    billposter::cli::run()
}
