"""Common first names with the gender they usually mark, from many cultures.

Written for newsgraph: a few hundred frequent given names, chosen so that a name which is common
for both women and men (Jordan, Taylor, Jean, Andrea, Kim…) is left out rather than guessed.
"""

from __future__ import annotations

_FEMALE = """
Abigail Ada Adriana Agnes Aisha Alejandra Alexandra Alice Alicia Alina Alison Amanda Amber Amelia
Amina Amy Ana Anastasia Angela Angelina Anita Ann Anna Anne Annette Antonia Ariana Ashley
Audrey Barbara Beatrice Beatriz Becky Betsy Betty Beverly Bianca Brenda Bridget Brittany Camila
Carla Carmen Carol Caroline Carolyn Catherine Cecilia Charlotte Chelsea Cheryl Chloe Christina
Christine Claire Clara Claudia Colleen Cristina Cynthia Daniela Daphne Deborah Debra Denise Diana
Diane Donna Doris Dorothy Elaine Elena Elif Elisabeth Eliza Elizabeth Ella Ellen Emilia Emily Emma
Erica Erin Esther Eva Evelyn Fatima Fatma Felicity Fiona Florence Frances Francesca Gabriela
Gabrielle Gina Giulia Gloria Grace Greta Gwen Hannah Harriet Heather Heidi Helen Helena Hillary
Hilary Hope Ilhan Ingrid Irene Iris Isabel Isabella Ivana Ivanka Jacqueline Jacinda Jana Jane
Janet Janice Jasmine Jelena Jennifer Jenny Jessica Jill Joan Joanna Jodi Josephine Joy Joyce
Judith Judy Julia Julie Juliet Justine Karen Karin Kamala Katarina Kate Katherine Kathleen Kathryn
Kathy Katie Katrin Kayla Kelly Kirsten Kristen Kristina Larisa Laura Lauren Layla Leah Leila
Lena Lidia Lily Linda Lisa Liz Lorraine Louise Lucia Lucy Ludmila Lydia Madeleine Maggie Maja
Marcela Margaret Margarita Maria Mariana Marie Marina Marine Marisol Marta Martha Mary Maxine
Maya Megan Melania Melanie Melissa Mia Michelle Mila Milica Miriam Molly Monica Nadia Nadine Nancy
Naomi Natalia Natalie Natasha Nicole Nikki Nina Nora Olena Olga Olivia Paige Pamela Patricia Paula
Pauline Penelope Phoebe Priya Rachel Rebecca Regina Rita Roberta Rosa Rosalind Rose Ruth Sabrina
Samantha Sandra Sara Sarah Sharon Sheila Shirley Silvia Simone Sofia Sonia Sophia Sophie Stacey
Stephanie Susan Suzanne Svetlana Sylvia Tamara Tanya Tatiana Teresa Theresa Tiffany Tina Tulsi
Ursula Valentina Valerie Vanessa Vera Veronica Victoria Viktoria Violet Virginia Vivian Wendy
Yasmin Yulia Yvonne Zainab Zeynep Zoe
"""

_MALE = """
Aaron Abdullah Abraham Adam Adrian Ahmed Ahmet Aidan Ajay Alan Albert Albin Aleksandar Aleksander
Alexander Alexei Alfred Ali Amir Anders Andre Andrew Andrzej Andy Angelo Anthony Antonio Antony
Anton Arjun Arnold Arthur Ashok Barack Ben Benjamin Bernard Bernie Bill Bob Bogdan Boris Brad
Bradley Brandon Brett Brian Bruce Bruno Bryan Carl Carlos Cesar Charles Charlie Chris Christian
Christopher Chuck Clarence Colin Craig Dan Daniel Danilo Darko Dave David Dejan Dennis Diego Dmitry
Dominic Don Donald Doug Douglas Dragan Duncan Dusan Dwight Ed Eddie Edward Edwin Elijah Elon Emil
Emmanuel Enrique Eric Erik Ernest Ethan Eugene Evan Fabio Federico Felipe Felix Fernando Francis
Francisco Frank Franz Fred Frederick Gabriel Gary George Georgi Gerald Gerhard Giorgio Giovanni
Giuseppe Glenn Goran Gordon Graham Greg Gregory Hakan Hamid Hans Harold Harry Hassan Hector Henry
Hugo Hussein Ian Igor Ilya Imran Ivan Ivica Jack Jacob Jacques Jake James Jan Jared Jason
Javier Jeff Jeffrey Jens Jeremy Jerome Jerry Jim Jimmy Joe Joel Johann John Johnny Jon Jonathan
Jorge Jose Joseph Josh Joshua Juan Julian Justin Kamal Karl Keith Ken Kenneth Kevin Khalid Klaus
Kurt Kyle Larry Lars Lawrence Leo Leon Leonard Lloyd Lorenzo Louis Luca Lucas Luis
Luka Luke Marc Marco Marcus Mario Mark Martin Marko Mateo Matt Matthew Maurice Max Mehmet Michael
Miguel Mikhail Mike Milan Miloš Milos Miroslav Mitch Mitt Mohamed Mohammad Mohammed Muhammad Murat
Mustafa Narendra Nathan Neil Nenad Nicholas Nick Nicolas Nigel Nikola Nikolai Noah Olaf Oleg Oliver
Olivier Omar Oscar Pablo Patrick Paul Pedro Pete Peter Petr Philip Phillip Pierre Rafael Rahul Raj
Rajesh Ralph Ramon Randy Raul Ray Raymond Recep Rex Ricardo Richard Rick Rishi Rob Robert Roberto
Rodrigo Roger Roman Ron Ronald Ross Roy Rudy Russell Ryan Salman Sam Samuel Scott Sean Sebastian
Serge Sergei Sergey Sergio Seth Simon Slobodan Stanley Stefan Stephen Steve Steven Stuart Tariq
Ted Terry Thomas Tim Timothy Tobias Todd Tom Tommy Tony Trevor Tyler Urs Uwe Vadim Victor Viktor
Vincent Vladimir Vlad Volodymyr Walter Wayne William Willie Wolfgang Xavier Yaroslav Yusuf
Zachary Zoran
"""


def words(text: str) -> frozenset[str]:
    """The white-space separated words of a text, as a set (how the word lists are written)."""
    return frozenset(text.split())


GENDER_OF_FIRST_NAME: dict[str, str] = {
    **{n: "f" for n in _FEMALE.split()},
    **{n: "m" for n in _MALE.split()},
}

# Honorifics say the gender outright; they are not roles.
GENDER_OF_HONORIFIC: dict[str, str] = {
    "Mr.": "m",
    "Mr": "m",
    "Mrs.": "f",
    "Mrs": "f",
    "Ms.": "f",
    "Ms": "f",
    "Miss": "f",
    "Sir": "m",
    "Dame": "f",
    "Lord": "m",
    "Lady": "f",
    "Madam": "f",
    "Mme.": "f",
}


def gender_of(first_name: str) -> str | None:
    """'f' or 'm' when the first name usually says so, else None."""
    return GENDER_OF_FIRST_NAME.get(first_name)
