"""X: the coordinator's decisions (``decisions.toml``) — documentation of their codes.

The codes are emitted by :mod:`inet_stages.batch.decisions` when a batch is checked
with a decisions file; they are registered here so that ``inet-stages rules``
lists and explains them with the others.
"""

from __future__ import annotations

from inet_stages.rules import reader_rule

reader_rule(
    "X001",
    "error",
    """Offre refusée par la coordination.

    La coordination des stages a refusé cette offre (refuse = true dans
    decisions.toml), pour la raison qu'elle a écrite : l'offre est invalide
    même sans autre erreur.

    Exemple : ["lunel.toml"] refuse = true, reason = "Doublon de l'offre déjà retenue" donne
        offres/lunel.toml: X001 (erreur) offre refusée par la coordination des stages : Doublon de
        l'offre déjà retenue (offres/decisions.toml:6).
    """,
    curable=False,
)

reader_rule(
    "X002",
    "warning",
    """Offre modifiée depuis la décision de la coordination.

    L'empreinte (sha256) enregistrée dans la décision n'est plus celle du
    fichier : l'offre a changé depuis. Les codes acceptés ne s'appliquent
    plus (un refus, si.) Relisez l'offre, puis remplacez l'empreinte par celle
    que donne le message.

    Exemple : une décision accept = ["D002"] dont l'offre a été modifiée donne
        offres/colmar.toml: X002 (avertissement) l'offre a changé depuis la décision de la
        coordination (offres/decisions.toml:1) : codes acceptés (D002) non appliqués. Relisez-la,
        puis remplacez son empreinte par sha256 = "…".
    """,
)

reader_rule(
    "X003",
    "warning",
    """Décision pour un fichier introuvable.

    decisions.toml donne une décision pour une offre dont le fichier n'existe
    plus à cet endroit (déplacée, renommée, supprimée).

    Exemple : ["ancien.toml"] dans offres/decisions.toml, sans fichier ancien.toml, donne
        offres/decisions.toml:11: X003 (avertissement) décision pour « ancien.toml », fichier
        introuvable à côté de decisions.toml : retirez la décision ou corrigez le chemin.
        [ancien.toml]
    """,
)

reader_rule(
    "X004",
    "warning",
    """Décision sans empreinte de l'offre.

    Sans sha256, l'outil ne peut pas prévenir si l'offre change après la
    décision. Le message donne la ligne exacte à coller dans la table de la
    décision ; la décision est appliquée en attendant.

    Exemple : ["nancy.toml"] accept = ["D002"] sans sha256 donne
        offres/nancy.toml: X004 (avertissement) décision de la coordination
        (offres/decisions.toml:15) sans empreinte de l'offre : ajoutez sha256 = "…" dans sa table,
        pour être prévenue si l'offre change.
    """,
)
