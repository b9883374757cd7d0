"""``python -m cancu`` runs the command line."""
from cancu.cli import main

if __name__ == "__main__":
    main()
