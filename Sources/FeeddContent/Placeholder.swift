import FeeddCore
import CFeeddXML
