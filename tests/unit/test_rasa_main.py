"""The API token reaches Rasa from its file, as one argument whatever characters it starts with."""
from server_plugins.rasa_main import api_token_arguments


def test_the_token_comes_from_the_file_as_one_argument(tmp_path):
    path = tmp_path / "api-token"
    path.write_text("-starts-with-a-dash-0123456789\n")
    env = {"RASA_API_TOKEN_FILE": str(path)}
    assert api_token_arguments(["run", "--enable-api"], env) == ["--auth-token=-starts-with-a-dash-0123456789"]
    assert api_token_arguments(["run"], env) == []
    assert api_token_arguments(["run", "--enable-api"], {}) is None
    path.write_text("short")
    assert api_token_arguments(["run", "--enable-api"], env) is None
