"""The start page: each role sees what it can do, and links to it."""

from flask import Blueprint, render_template
from flask_login import current_user

from app.web.guards import login_required

bp = Blueprint("home", __name__)


@bp.route("/")
@login_required
def index():
    return render_template(f"home/{current_user.role}.html")
