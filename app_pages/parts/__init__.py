"""What the pages share: the session and the register, form fields, Streamlit in Swedish."""
