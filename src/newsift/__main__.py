"""`python -m newsift`: the same as the `newsift` command."""

from newsift.cli import main

if __name__ == "__main__":  # importing the module (as the CI's import check does) runs nothing
    main()
