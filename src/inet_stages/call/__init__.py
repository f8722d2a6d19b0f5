"""The call for offers and the reminders, and the contacts file they are written from."""
