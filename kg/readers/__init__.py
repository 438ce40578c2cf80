"""Read input documents (files, directories, standard input) into Document objects."""
